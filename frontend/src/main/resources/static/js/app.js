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
