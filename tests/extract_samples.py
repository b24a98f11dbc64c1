"""Synthetic raw articles for the extraction input tests: page dumps, headers, saved pages.

Written for these tests (not copied from any site): a short Arabic and an English news item about
invented events, each saved the way people save pages, with the title twice, reader comments that
name actors and accuse them, and the site's lists of other stories after them.
"""
from __future__ import annotations

AR_TITLE = "التحالف الدولي يدعم قسد في ريف دير الزور"
AR_BODY = (
    "قالت قوات سوريا الديمقراطية إن طيران التحالف الدولي قدم الدعم لعملياتها ضد تنظيم داعش في ريف دير الزور الشرقي، "
    "مؤكدة أن العملية مستمرة حتى طرد عناصر التنظيم من المنطقة بالكامل خلال الأيام المقبلة.\n\n"
    "وأضاف المتحدث باسم قسد، فرهاد الشامي، أن قواتهم تمكنت من السيطرة على عدة قرى بمساندة طيران التحالف، "
    "نافياً الأنباء المتداولة عن انسحاب قواتهم من المنطقة بعد هجوم مضاد شنه التنظيم ليلة أمس."
)
#: A reader's comment: actors and an accusation that must never become claims of the article.
AR_COMMENT = "العراق وإيران وقسد وداعش كلهم سواء والتحالف الدولي يتهم تركيا بدعم الإرهاب في كل مكان"
AR_DUMP = (
    f"{AR_TITLE}\n\n{AR_TITLE}\n{AR_BODY}\n\n"
    "التعليقات (2)\n\n    زائر\n\n    ·منذ ساعة\n"
    f"    {AR_COMMENT}\n\n    رد على زائر\n\n    ·منذ ساعة\n    كلام فارغ لا معنى له على الإطلاق\n2\n\n"
    "الأكثر قراءة\n\n💡 أهم المواضيع\n\n✨ أهم التصنيفات"
)

EN_TITLE = "Coalition backs SDF offensive near Deir ez-Zor"
EN_BODY = (
    "The SDF said the International Coalition supported its offensive against ISIS east of Deir ez-Zor on Monday, "
    "adding that the operation would continue until the area was cleared.\n\n"
    "Local officials said in comments to reporters that dozens of families had fled the villages near the front."
)
EN_COMMENT = "Iraq and Iran are the real problem here and the SDF attacks civilians every single day, wake up people"
EN_DUMP = (
    f"{EN_TITLE}\n\n{EN_TITLE}\n{EN_BODY}\n\n3 Comments\n\nreader1\n2 hours ago\n{EN_COMMENT}\n\n"
    "Most read\nAnother headline about something else\nA third headline\nShare\n"
)

HEADER = "title: A header title\npublisher: example-news\ndate: 2023-05-02\nlanguage: en\nid: header-article\n---\n"

EN_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{EN_TITLE} | Example News</title>
<meta property="og:title" content="{EN_TITLE}"><meta property="og:site_name" content="Example News">
<meta name="date" content="2023-05-02">
<script>window.tracker = {{"a": 1}}; document.write("Iraq attacks Iran in this script");</script>
<style>body {{ color: red }}</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{EN_TITLE}</h1>
<p>{EN_BODY.split(chr(10) + chr(10))[0]}</p>
<p>{EN_BODY.split(chr(10) + chr(10))[1]}</p></article>
<section id="comments" class="comments"><h3>3 Comments</h3>
<div class="comment"><p class="comment-body">{EN_COMMENT}</p></div></section>
<aside class="most-read"><h3>Most read</h3>
<ul><li><a href="/x">Another headline about something else</a></li></ul></aside>
<footer>Copyright Example News</footer></body></html>
"""
