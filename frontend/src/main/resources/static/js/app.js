// Sends the dashboard's CSRF token with every htmx request that changes something.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector("meta[name='_csrf']");
  var header = document.querySelector("meta[name='_csrf_header']");
  if (token && header && event.detail.verb !== "get") {
    event.detail.headers[header.content] = token.content;
  }
});

// Shows only the credential fields of the chosen authentication mode.
function syncChoices() {
  document.querySelectorAll("[data-show-when]").forEach(function (block) {
    var parts = block.getAttribute("data-show-when").split("=");
    var chosen = document.querySelector("input[name='" + parts[0] + "']:checked");
    block.hidden = !chosen || chosen.value !== parts[1];
  });
}
document.addEventListener("change", function (event) {
  if (event.target.matches("input[type=radio]")) {
    syncChoices();
  }
});
document.addEventListener("DOMContentLoaded", syncChoices);

// Applies computed styles (a pool drawing's positions and colours) from data-style: the
// Content-Security-Policy refuses style attributes but not styles set through the DOM.
function applyDataStyles(root) {
  root.querySelectorAll("[data-style]").forEach(function (element) {
    element.getAttribute("data-style").split(";").forEach(function (declaration) {
      var colon = declaration.indexOf(":");
      if (colon > 0) {
        element.style.setProperty(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
      }
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { applyDataStyles(document); });
document.addEventListener("htmx:load", function (event) { applyDataStyles(event.detail.elt); });
