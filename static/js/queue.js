// The resolution queue's keyboard: j/k (or arrows) move, Enter opens, t takes the case.
(function () {
  const rows = Array.from(document.querySelectorAll("tr[data-case-url]"));
  if (!rows.length) return;
  let current = 0;
  function select(index) {
    rows[current].classList.remove("table-active");
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows[current].classList.add("table-active");
    rows[current].scrollIntoView({ block: "nearest" });
  }
  select(0);
  document.addEventListener("keydown", function (event) {
    const tag = (event.target.tagName || "").toLowerCase();
    if (["input", "select", "textarea"].includes(tag) || event.metaKey || event.ctrlKey || event.altKey) return;
    if (event.key === "j" || event.key === "ArrowDown") { select(current + 1); event.preventDefault(); }
    else if (event.key === "k" || event.key === "ArrowUp") { select(current - 1); event.preventDefault(); }
    else if (event.key === "Enter") { window.location = rows[current].dataset.caseUrl; }
    else if (event.key === "t") {
      const form = document.getElementById("take-form");
      form.action = rows[current].dataset.takeUrl;
      form.submit();
    }
  });
  const all = document.getElementById("select-all");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name=cases]").forEach(function (box) { box.checked = all.checked; });
    });
  }
})();
