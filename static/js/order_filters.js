// The Orders filter form: django-filter renders bare widgets; give them Bootstrap's classes.
(function () {
  for (const field of document.querySelectorAll("[data-testid=order-filters] input, [data-testid=order-filters] select")) {
    field.classList.add(field.tagName === "SELECT" ? "form-select" : "form-control");
  }
})();
