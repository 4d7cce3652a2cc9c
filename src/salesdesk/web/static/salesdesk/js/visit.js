// Log a visit quickly: customer search-as-you-type, follow-up shortcuts, optional location.
"use strict";
(function () {
  var form = document.getElementById("visit-form");
  if (!form) {
    return;
  }
  var input = form.querySelector("[name=customer_name]");
  var hidden = form.querySelector("[name=customer]");
  var list = document.getElementById("suggestions");
  var picked = document.getElementById("customer-picked");
  var searchUrl = form.dataset.searchUrl;
  var timer = null;
  var latest = 0;

  function clearList() {
    list.innerHTML = "";
    list.hidden = true;
  }

  function showPicked() {
    picked.textContent = hidden.value ? "" : input.value.trim() ? form.dataset.newLabel + input.value.trim() : "";
  }

  function choose(row) {
    hidden.value = String(row.id);
    input.value = row.name;
    clearList();
    showPicked();
  }

  function render(rows) {
    list.innerHTML = "";
    rows.forEach(function (row) {
      var item = document.createElement("li");
      item.setAttribute("role", "option");
      item.dataset.id = String(row.id);
      item.textContent = row.name;
      var code = document.createElement("span");
      code.className = "code";
      code.textContent = [row.code, row.tier, row.region].filter(Boolean).join(" · ");
      item.appendChild(code);
      item.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep focus; choose before blur
        choose(row);
      });
      list.appendChild(item);
    });
    list.hidden = rows.length === 0;
  }

  function search() {
    var text = input.value.trim();
    if (!text) {
      clearList();
      return;
    }
    var ticket = ++latest;
    fetch(searchUrl + "?q=" + encodeURIComponent(text), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.json() : { results: [] };
      })
      .then(function (data) {
        if (ticket === latest) {
          render(data.results || []);
        }
      })
      .catch(function () {
        clearList();
      });
  }

  input.addEventListener("input", function () {
    hidden.value = ""; // typing again means: not the customer picked before
    showPicked();
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  input.addEventListener("blur", function () {
    setTimeout(clearList, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !list.hidden && list.firstChild) {
      event.preventDefault();
      list.firstChild.dispatchEvent(new MouseEvent("mousedown"));
    }
  });

  // Follow-up shortcuts: tomorrow, in 3 days, in a week … counted from the visit's date.
  form.querySelectorAll(".quick button").forEach(function (button) {
    button.addEventListener("click", function () {
      var target = document.getElementById(button.parentElement.dataset.target);
      if (button.dataset.days === "") {
        target.value = "";
        return;
      }
      var base = form.querySelector("[name=date]").value;
      var day = base ? new Date(base + "T00:00:00") : new Date();
      day.setDate(day.getDate() + Number(button.dataset.days));
      var month = String(day.getMonth() + 1).padStart(2, "0");
      var date = String(day.getDate()).padStart(2, "0");
      target.value = day.getFullYear() + "-" + month + "-" + date;
    });
  });

  // Location: only when asked for, with the browser's own permission prompt.
  var locate = document.getElementById("locate");
  var located = document.getElementById("located");
  if (locate) {
    if (!("geolocation" in navigator)) {
      locate.hidden = true;
    }
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(6);
          form.querySelector("[name=lon]").value = position.coords.longitude.toFixed(6);
          located.textContent = locate.dataset.done;
        },
        function () {
          located.textContent = locate.dataset.failed;
        },
        { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 }
      );
    });
  }
  showPicked();
})();
