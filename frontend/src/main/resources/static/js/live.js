// Live panels ([data-live]) ask for themselves again every few seconds. A refresh that would
// land while an action inside the panel still runs is skipped: it would remove the action's
// progress indicator and the answer the action is about to show.
document.addEventListener("htmx:beforeRequest", function (event) {
  var panel = event.detail.elt;
  if (panel.hasAttribute && panel.hasAttribute("data-live") && event.detail.requestConfig
      && event.detail.requestConfig.verb === "get" && panel.querySelector(".htmx-request")) {
    event.preventDefault();
  }
});

// Keeps a refreshing panel's form fields: a person typing in one would lose the text when the
// panel is replaced, so the refresh waits while focus is inside the panel's forms.
document.addEventListener("htmx:beforeRequest", function (event) {
  var panel = event.detail.elt;
  if (panel.hasAttribute && panel.hasAttribute("data-live") && event.detail.requestConfig
      && event.detail.requestConfig.verb === "get" && panel.contains(document.activeElement)
      && document.activeElement.matches("input, select, textarea")) {
    event.preventDefault();
  }
});

// "updated N s ago" counts from when the panel arrived, on this browser's own clock, so a
// panel that stops refreshing shows how old it is.
(function () {
  function stamp(root) {
    root.querySelectorAll("[data-updated]").forEach(function (el) {
      if (!el.dataset.arrived) {
        el.dataset.arrived = String(Date.now());
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { stamp(document); });
  document.addEventListener("htmx:load", function (event) { stamp(event.detail.elt); });
  setInterval(function () {
    stamp(document);
    document.querySelectorAll("[data-updated]").forEach(function (el) {
      var seconds = Math.floor((Date.now() - Number(el.dataset.arrived)) / 1000);
      el.textContent = "updated " + seconds + " s ago";
    });
  }, 1000);
})();
