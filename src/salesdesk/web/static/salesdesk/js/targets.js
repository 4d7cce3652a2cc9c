// Monthly targets: show the running total of the twelve inputs against the annual target.
"use strict";
(function () {
  var form = document.getElementById("month-form");
  var out = document.getElementById("month-sum");
  if (!form || !out) { return; }
  var annual = Number(form.dataset.annual || "0");
  var inputs = form.querySelectorAll("input[name^=m]");
  var money = new Intl.NumberFormat(document.documentElement.lang || "zh-CN", { maximumFractionDigits: 2 });
  function update() {
    var total = 0;
    inputs.forEach(function (input) { total += Number(input.value || "0"); });
    var diff = Math.round((total - annual) * 100) / 100;
    out.textContent = money.format(total) + (diff === 0 ? " ✓" : " (" + (diff > 0 ? "+" : "") + money.format(diff) + ")");
    out.className = diff === 0 ? "ok" : "error";
  }
  inputs.forEach(function (input) { input.addEventListener("input", update); });
  update();
})();
