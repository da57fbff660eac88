package io.tfmesh.system.error;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 problem documents that the API answers with. */
public final class Problems {

	private static final String TYPE_PREFIX = "urn:tfmesh:problem:";

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + type));
		HttpStatus known = HttpStatus.resolve(status.value());
		if (known != null) {
			problem.setTitle(known.getReasonPhrase());
		}
		return problem;
	}

	public static ProblemDetail invalid(String detail, List<FieldProblem> fields) {
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-input", detail);
		problem.setProperty("errors", fields);
		return problem;
	}

	/**
	 * Writes a problem document from a servlet filter, where Spring MVC's message converters are
	 * not reachable, in the same shape as the API's other problems.
	 * @param errors the fields at fault, none when the problem is not about fields
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, JsonMapper json,
			HttpStatus status, String type, String detail, List<FieldProblem> errors) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", TYPE_PREFIX + type);
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		if (!errors.isEmpty()) {
			problem.put("errors", errors);
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(json.writeValueAsBytes(problem));
	}

	/** The problem type for a status that has no more specific one. */
	public static String typeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "bad-request";
			case 401 -> "unauthenticated";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 409 -> "conflict";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			case 428 -> "precondition-required";
			case 429 -> "too-many-requests";
			case 431 -> "request-header-fields-too-large";
			default -> status.is5xxServerError() ? "server-error" : "http-" + status.value();
		};
	}

}
