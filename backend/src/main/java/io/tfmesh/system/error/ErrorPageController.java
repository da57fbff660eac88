package io.tfmesh.system.error;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
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
			case 404 -> "No resource at " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
			case 405 -> "The method is not allowed on this resource";
			default -> status.getReasonPhrase();
		};
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
