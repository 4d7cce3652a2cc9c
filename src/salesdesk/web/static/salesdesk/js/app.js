// Selection bars (department / year / rep) submit as soon as a choice changes.
"use strict";
document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
  select.addEventListener("change", function () {
    select.form.submit();
  });
});
