"""Page-level CSS (layout only; evidence card styles live with the evidence HTML in explorer.evidence_html)."""
from __future__ import annotations

PAGE_CSS = """
<style>
.stMainBlockContainer{padding-top:3.2rem;padding-bottom:2rem}
.ag-header{display:flex;align-items:baseline;gap:.8rem;margin-bottom:.2rem}
.ag-header h1{font-size:1.6rem;margin:0;padding:0}
.ag-header span{color:#666;font-size:.95rem}
.ag-legend{font-size:.8rem;color:#444;margin:.2rem 0}
.ag-legend-item{display:inline-flex;align-items:center;gap:.3rem;margin:0 .8rem .2rem 0}
.ag-dot{display:inline-block;width:.8rem;height:.8rem;border-radius:50%}
.ag-line{display:inline-block;width:1.8rem;height:0}
</style>
<div class="ag-header"><h1>ActorGraph explorer</h1><span>who is linked to whom, how, and who says so —
every link opens its evidence</span></div>
"""
