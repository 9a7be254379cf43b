// Behaviour every page shares. The Content-Security-Policy allows no inline
// script or style attribute, so markup asks for it with data attributes.
(function () {
  // <select data-autosubmit>: submit its form on change (the dashboard filters).
  document.addEventListener("change", function (event) {
    const field = event.target;
    if (field.form && field.hasAttribute("data-autosubmit")) field.form.submit();
  });

  // data-width-percent="37": a bar's width. Setting it through the CSSOM is
  // allowed where a style="" attribute is not. htmx.onLoad also runs for
  // content htmx swaps in later (the import progress bar).
  function applyWidths(root) {
    root.querySelectorAll("[data-width-percent]").forEach(function (bar) {
      const percent = Math.max(0, Math.min(100, Number(bar.dataset.widthPercent) || 0));
      bar.style.width = percent + "%";
    });
  }
  if (typeof htmx !== "undefined") htmx.onLoad(applyWidths);
  else applyWidths(document);
})();
