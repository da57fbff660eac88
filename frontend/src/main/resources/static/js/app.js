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

// Pages may hide what the script can reveal again (the collapsed menu) only when the script runs.
document.documentElement.classList.add("js");

// The navigation collapses behind the menu button on narrow screens.
document.addEventListener("click", function (event) {
  var toggle = event.target.closest("#menu-toggle");
  if (!toggle) {
    return;
  }
  var open = toggle.getAttribute("aria-expanded") !== "true";
  toggle.setAttribute("aria-expanded", String(open));
  document.getElementById(toggle.getAttribute("aria-controls")).classList.toggle("open", open);
});
document.addEventListener("keydown", function (event) {
  var toggle = document.getElementById("menu-toggle");
  if (event.key === "Escape" && toggle && toggle.getAttribute("aria-expanded") === "true") {
    toggle.click();
    toggle.focus();
  }
});

// A form shown again with errors: each field in error names its message and the first one has focus.
function markFieldErrors(root) {
  var first = null;
  root.querySelectorAll(".field.has-error").forEach(function (field) {
    var message = field.querySelector(".error[id]");
    field.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (control) {
      control.setAttribute("aria-invalid", "true");
      if (message) {
        var described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        if (described.indexOf(message.id) < 0) {
          described.push(message.id);
        }
        control.setAttribute("aria-describedby", described.join(" "));
      }
      if (!first && !control.disabled && control.type !== "file") {
        first = control;
      }
    });
  });
  if (first) {
    first.focus();
  }
  else {
    var summary = root.querySelector("form .alert.error");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
  }
}
document.addEventListener("DOMContentLoaded", function () { markFieldErrors(document); });

// Every htmx request shows that it runs, disables the button that sent it, and says when it failed.
var pendingRequests = 0;

function triggerButtons(element) {
  if (element.matches("button, input[type=submit]")) {
    return [element];
  }
  if (element.matches("form")) {
    return Array.prototype.slice.call(element.querySelectorAll("button:not([type=button]), input[type=submit]"));
  }
  return [];
}

document.addEventListener("htmx:beforeRequest", function (event) {
  var element = event.detail.elt;
  clearRequestError(element);
  triggerButtons(element).forEach(function (button) {
    if (!button.disabled) {
      button.disabled = true;
      button.classList.add("busy");
      button.setAttribute("aria-busy", "true");
    }
  });
  pendingRequests++;
  document.body.classList.add("htmx-busy");
});

document.addEventListener("htmx:afterRequest", function (event) {
  triggerButtons(event.detail.elt).forEach(function (button) {
    if (button.classList.contains("busy")) {
      button.disabled = false;
      button.classList.remove("busy");
      button.removeAttribute("aria-busy");
    }
  });
  pendingRequests = Math.max(0, pendingRequests - 1);
  if (pendingRequests === 0) {
    document.body.classList.remove("htmx-busy");
  }
});

// A request answered by the login page (the session expired while the page was open) reloads the
// page instead of drawing the login form into it: the login then returns to this page.
document.addEventListener("htmx:beforeSwap", function (event) {
  var url = event.detail.xhr.responseURL;
  if (url && new URL(url).pathname.replace(/\/$/, "").endsWith("/login")) {
    event.detail.shouldSwap = false;
    event.detail.isError = false;
    window.location.reload();
  }
});

document.addEventListener("htmx:responseError", function (event) {
  showRequestError(event.detail.elt, describeFailure(event.detail.xhr));
});
document.addEventListener("htmx:sendError", function (event) {
  showRequestError(event.detail.elt, "tfmesh did not answer: the server may be down or the network gone. Try again.");
});
document.addEventListener("htmx:timeout", function (event) {
  showRequestError(event.detail.elt, "tfmesh took too long to answer. Try again.");
});

// The sentence an error answer carries: a problem document's detail, or an error page's heading and text.
function describeFailure(xhr) {
  var type = xhr.getResponseHeader("Content-Type") || "";
  try {
    if (type.indexOf("json") >= 0) {
      var problem = JSON.parse(xhr.responseText);
      return xhr.status + " · " + (problem.title || xhr.statusText) + (problem.detail ? ": " + problem.detail : "");
    }
    if (type.indexOf("html") >= 0) {
      var page = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var box = page.querySelector("#error-page");
      if (box) {
        var heading = box.querySelector("h1");
        var detail = box.querySelector("p");
        return (heading ? heading.textContent.trim() : "") + (detail ? ": " + detail.textContent.trim() : "");
      }
    }
  }
  catch (ignored) {
    // an answer that cannot be read still gets a message, below
  }
  return "The request failed (" + xhr.status + " " + (xhr.statusText || "error") + "). Try again.";
}

function showRequestError(element, text) {
  var message = document.createElement("div");
  message.className = "alert error request-error";
  message.setAttribute("role", "alert");
  message.textContent = text;
  var anchor = element.closest("form") || element;
  if (document.body.contains(anchor) && anchor !== document.body) {
    anchor.insertAdjacentElement("afterend", message);
  }
  var live = document.getElementById("live-region");
  if (live) {
    live.textContent = "";
    var toast = document.createElement("div");
    toast.className = "toast error";
    toast.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "toast-close";
    close.setAttribute("aria-label", "Dismiss");
    close.textContent = "×";
    close.addEventListener("click", function () { toast.remove(); });
    toast.appendChild(close);
    live.appendChild(toast);
  }
}

function clearRequestError(element) {
  var anchor = element.closest("form") || element;
  var next = anchor.nextElementSibling;
  if (next && next.classList.contains("request-error")) {
    next.remove();
  }
  var live = document.getElementById("live-region");
  if (live) {
    live.textContent = "";
  }
}
