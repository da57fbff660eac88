package io.tfmesh.system.error;

import java.util.Map;
import java.util.Objects;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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

	@RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
	Object page(HttpServletRequest request) {
		HttpStatus status = status(request);
		if (isApi(request)) {
			return problem(request);
		}
		String view = switch (status.value()) {
			case 403, 404, 409 -> "error/" + status.value();
			default -> status.is5xxServerError() ? "error/5xx" : "error/error";
		};
		return new ModelAndView(view, Map.of("status", status.value(), "reason", status.getReasonPhrase()), status);
	}

	@RequestMapping
	ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
		HttpStatus status = status(request);
		String detail = status.is5xxServerError() ? "tfmesh could not complete the request; the server log has the details"
				: message(request, status);
		ProblemDetail problem = Problems.of(status, Problems.typeFor(status), detail);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri != null) {
			problem.setInstance(java.net.URI.create(uri.toString()));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
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
