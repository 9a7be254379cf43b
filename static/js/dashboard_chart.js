// The dashboard's trend: the live 60-day ODR as a line (with the 1 % target) over the ratings received per day.
(function () {
  const canvas = document.getElementById("dashboard-chart");
  const source = document.getElementById("dashboard-chart-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  new Chart(canvas, {
    data: {
      labels: data.days,
      datasets: [
        { type: "line", label: "ODR, live 60 days (%)", data: data.odr, yAxisID: "odr", borderColor: "#0d6efd", pointRadius: 0, tension: 0.2 },
        { type: "line", label: "1 % target", data: data.days.map(() => data.target), yAxisID: "odr", borderColor: "#dc3545", borderDash: [6, 4], pointRadius: 0 },
        { type: "bar", label: "Positive feedback", data: data.positive, yAxisID: "count", backgroundColor: "rgba(25, 135, 84, 0.55)", stack: "ratings" },
        { type: "bar", label: "Negative feedback", data: data.negative, yAxisID: "count", backgroundColor: "rgba(220, 53, 69, 0.75)", stack: "ratings" },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        odr: { position: "left", beginAtZero: true, suggestedMax: 1.5, title: { display: true, text: "ODR %" } },
        count: { position: "right", beginAtZero: true, stacked: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 }, title: { display: true, text: "Feedback per day" } },
        x: { stacked: true, ticks: { maxTicksLimit: 12 } },
      },
    },
  });
})();
