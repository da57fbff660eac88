package io.tfmesh.system.error;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers whatever ends in the servlet container's error dispatch: problem details for the
 * API, an error page for the dashboard. Details of server errors stay in the log.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ErrorPageController implements ErrorController {

	private final RequiredRoles roles;

	ErrorPageController(RequiredRoles roles) {
		this.roles = roles;
	}

	@RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
	Object page(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = status(request);
		if (isApi(request)) {
			return problem(request, response);
		}
		if (sessionLost(request, response, status)) {
			return ResponseEntity.status(status).build();
		}
		String view = switch (status.value()) {
			case 403, 404, 409 -> "error/" + status.value();
			default -> status.is5xxServerError() ? "error/5xx" : "error/error";
		};
		Map<String, Object> model = new HashMap<>();
		model.put("status", status.value());
		model.put("reason", status.getReasonPhrase());
		if (request.getAttribute(PageExceptionHandler.DETAIL) instanceof String detail) {
			model.put("detail", detail);
		}
		if (status == HttpStatus.NOT_FOUND) {
			Section section = Section.of(requestUri(request));
			if (section != null) {
				model.put("listPath", section.path());
				model.put("listName", section.name());
			}
		}
		if (status == HttpStatus.FORBIDDEN) {
			if (request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException) {
				model.put("detail", "The page was out of date: its security token no longer matches your session. "
						+ "Reload the page and try again.");
			}
			else {
				String needed = roles.needed(request, requestUri(request));
				if (needed != null) {
					model.put("requiredRole", needed);
				}
			}
		}
		return new ModelAndView(view, model, status);
	}

	@RequestMapping
	ResponseEntity<ProblemDetail> problem(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = status(request);
		if (!isApi(request) && sessionLost(request, response, status)) {
			return ResponseEntity.status(status).build();
		}
		String detail = status.is5xxServerError() ? "tfmesh could not complete the request; the server log has the details"
				: request.getAttribute(PageExceptionHandler.DETAIL) instanceof String said ? said : message(request, status);
		ProblemDetail problem = Problems.of(status, Problems.typeFor(status), detail);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri != null) {
			problem.setInstance(URI.create(uri.toString()));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * An htmx request refused because nobody is logged in (the session expired, so its CSRF token
	 * is gone too) reloads the page it came from: the login page then returns to it.
	 * @return whether the answer is the instruction to reload
	 */
	private static boolean sessionLost(HttpServletRequest request, HttpServletResponse response, HttpStatus status) {
		if (request.getHeader("HX-Request") == null
				|| (status != HttpStatus.FORBIDDEN && status != HttpStatus.UNAUTHORIZED) || loggedIn()) {
			return false;
		}
		response.setHeader("HX-Redirect", samePagePath(request.getHeader("HX-Current-URL"), request));
		return true;
	}

	private static boolean loggedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	/** The path and query of the page the browser shows, never another site's address. */
	private static String samePagePath(@Nullable String currentUrl, HttpServletRequest request) {
		String fallback = request.getContextPath() + "/login";
		if (currentUrl == null) {
			return fallback;
		}
		try {
			URI uri = new URI(currentUrl);
			if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/") || uri.getRawPath().startsWith("//")
					|| (uri.getHost() != null && !uri.getHost().equalsIgnoreCase(request.getServerName()))) {
				return fallback;
			}
			return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
		}
		catch (URISyntaxException ex) {
			return fallback;
		}
	}

	private static String requestUri(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = uri == null ? request.getRequestURI() : uri.toString();
		return path.substring(Math.min(request.getContextPath().length(), path.length()));
	}

	private static boolean isApi(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return uri != null && (uri.toString().startsWith("/api/") || uri.toString().startsWith("/actuator"));
	}

	private static String message(HttpServletRequest request, HttpStatus status) {
		return switch (status.value()) {
			case 404 -> "No resource at " + Objects.requireNonNullElse(
					request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), request.getRequestURI());
			case 405 -> "The method is not allowed on this resource";
			case 400 -> unreadable(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION)) != null
					? "The multipart body could not be read" : status.getReasonPhrase();
			case 413 -> "The request body is larger than tfmesh accepts";
			default -> status.getReasonPhrase();
		};
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code == null) {
			// asked for directly rather than reached through an error dispatch
			return HttpStatus.NOT_FOUND;
		}
		HttpStatus unreadable = unreadable(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
		if (unreadable != null) {
			return unreadable;
		}
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/**
	 * The client's fault among the failures that happen before a controller is chosen: a body
	 * that is too large or a multipart body that cannot be parsed.
	 */
	private static @Nullable HttpStatus unreadable(@Nullable Object exception) {
		for (Throwable cause = exception instanceof Throwable thrown ? thrown : null; cause != null; cause = cause
			.getCause()) {
			if (cause instanceof MaxUploadSizeExceededException || cause instanceof BodyTooLargeException) {
				return HttpStatus.CONTENT_TOO_LARGE;
			}
			if (cause instanceof MultipartException) {
				return HttpStatus.BAD_REQUEST;
			}
		}
		return null;
	}

}
