// Requests sent and feedback received per day on a campaign page (Chart.js, vendored).
(function () {
  const canvas = document.getElementById("campaign-chart");
  const source = document.getElementById("campaign-chart-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.days,
      datasets: [
        { label: "Requests sent", data: data.sent, backgroundColor: "rgba(13, 110, 253, 0.6)" },
        { label: "Feedback received", data: data.feedback, backgroundColor: "rgba(25, 135, 84, 0.8)" },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
})();
