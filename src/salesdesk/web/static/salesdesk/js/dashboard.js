// The dashboard's monthly revenue chart (ECharts, vendored). Data: <script id="monthly-data">.
"use strict";
(function () {
  var holder = document.getElementById("monthly-chart");
  var source = document.getElementById("monthly-data");
  if (!holder || !source || typeof echarts === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(holder, null, { renderer: "svg" });
  var colors = ["#b3261e", "#1b7f3b", "#8a94a0"];
  chart.setOption({
    color: colors,
    animation: false,
    tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v.toLocaleString(); } },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: "category", data: data.months },
    yAxis: {
      type: "value",
      axisLabel: {
        formatter: function (v) {
          if (document.documentElement.lang.indexOf("zh") === 0) {
            return Math.abs(v) >= 1e4 ? (v / 1e4).toLocaleString() + "万" : v;
          }
          return Math.abs(v) >= 1e3 ? (v / 1e3).toLocaleString() + "k" : v;
        },
      },
    },
    series: data.series.map(function (s) {
      return { name: s.name, type: s.type, data: s.data, connectNulls: false, symbolSize: 5 };
    }),
  });
  window.addEventListener("resize", function () {
    chart.resize();
  });
})();
