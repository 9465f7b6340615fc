"""The site's one small stylesheet, inlined into every page so nothing blocks the first paint."""

STYLESHEET = """
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#4a4a4a;--line:#c6c6c6;--accent:#0b57a4;
--accent-bg:#eef4fb;--focus:#ffbf47;--mark:#fff1a6;--note-bg:#fff7e0;--note-line:#8a5a00}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#eceff1;--muted:#c3c8cc;--line:#59606a;
--accent:#8cc2ff;--accent-bg:#1c2633;--focus:#ffbf47;--mark:#6b5800;--note-bg:#2b2414;--note-line:#f0c060}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
.page{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.375rem;line-height:1.3;margin:0}
h3{font-size:1.125rem;line-height:1.35;margin:0}
p{margin:0 0 1rem}
a{color:var(--accent);text-underline-offset:.15em}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--fg)}
.skip{position:absolute;left:-999rem}
.skip:focus{position:static;display:inline-block;padding:.75rem;min-height:44px}
.disclaimer{border-left:.375rem solid var(--note-line);background:var(--note-bg);padding:.75rem 1rem;margin:0 0 1.5rem}
.disclaimer h2{font-size:1.0625rem}
.disclaimer p{margin:0}
.toolbar{display:flex;justify-content:flex-end;margin:0 0 .5rem}
button,.button{font:inherit;min-height:44px;min-width:44px;padding:.5rem 1rem;border:2px solid var(--accent);
border-radius:.375rem;background:var(--bg);color:var(--accent);cursor:pointer}
button:hover{background:var(--accent-bg)}
.show-all .hide-label{display:none}
.accordion:not(:has(details[data-section]:not([open]))) .show-all .show-label{display:none}
.accordion:not(:has(details[data-section]:not([open]))) .show-all .hide-label{display:inline}
details{border-top:1px solid var(--line)}
details.section:last-of-type{border-bottom:1px solid var(--line)}
summary{display:flex;align-items:center;gap:.75rem;min-height:44px;padding:.625rem .25rem;cursor:pointer;list-style:none;scroll-margin-top:1rem}
summary::-webkit-details-marker{display:none}
summary::before{content:"";flex:none;width:.6rem;height:.6rem;border:solid currentColor;border-width:0 .15rem .15rem 0;
transform:rotate(-45deg);transition:transform .15s ease-in-out;color:var(--accent)}
details[open]>summary::before{transform:rotate(45deg)}
summary:hover h2,summary:hover h3{text-decoration:underline}
.section-body{padding:0 0 .75rem 1.25rem}
.topic{border-top:1px dashed var(--line)}
.subtitle{display:block;font-weight:400;color:var(--muted);font-size:1rem}
.topic-body{padding:0 0 .5rem 1.35rem}
.label{font-weight:700}
.share{margin:0 0 .5rem}
.status{position:fixed;left:50%;bottom:1rem;transform:translateX(-50%);max-width:calc(100% - 2rem);margin:0;
background:var(--fg);color:var(--bg);padding:.75rem 1rem;border-radius:.375rem}
.status:empty{display:none}
.faq-search label{display:block;font-weight:700}
.hint{display:block;color:var(--muted);font-size:1rem;margin:0 0 .5rem}
input[type=search]{font:inherit;width:100%;min-height:44px;padding:.5rem .75rem;border:2px solid var(--fg);border-radius:.25rem;background:var(--bg);color:var(--fg)}
.count{margin:.75rem 0}
.empty:empty{display:none}
mark{background:var(--mark);color:var(--fg);padding:0 .1em}
.faq-body{padding:0 0 .5rem 1.35rem}
.faq-link{display:inline-flex;align-items:center;min-height:44px}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{border-top:2px solid var(--line);margin-top:2rem;padding-top:1rem;color:var(--muted);font-size:1rem}
footer p{margin:0 0 .25rem}
.topic-list{padding-left:1.25rem}
.topic-list li{margin:.25rem 0}
.topic-list a{display:inline-block;min-height:44px;padding:.5rem 0}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{transition:none!important;animation:none!important;scroll-behavior:auto!important}}
@media print{details::details-content{content-visibility:visible!important;display:block!important}
summary::before,.toolbar,.share,.faq-search,.count,.status,.faq-link{display:none!important}
body{font-size:12pt}a{color:inherit}}
"""

NO_SCRIPT_STYLESHEET = ".toolbar,.share,.faq-search,.count{display:none}"
