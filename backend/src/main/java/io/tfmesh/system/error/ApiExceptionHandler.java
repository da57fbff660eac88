package io.tfmesh.system.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns every failure of a REST controller into RFC 9457 problem details. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	/** Unique constraints of the schema and the request field each one protects. */
	private static final Map<String, String> UNIQUE_FIELDS = Map.of("cloud_name_key", "name", "cluster_name_key",
			"name", "app_user_username_key", "username", "api_token_user_name_key", "name");

	@ExceptionHandler
	ProblemDetail invalidInput(InvalidInputException ex) {
		if (ex instanceof UnprocessableException) {
			ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "unprocessable", ex.getMessage());
			problem.setProperty("errors", ex.problems());
			return problem;
		}
		return Problems.invalid(ex.getMessage(), ex.problems());
	}

	@ExceptionHandler
	ProblemDetail notFound(NotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "not-found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail conflict(ConflictException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT,
				ex instanceof StaleVersionException ? "stale-version" : "conflict", ex.getMessage());
		if (ex.field() != null) {
			problem.setProperty("errors", List.of(new FieldProblem(ex.field(), ex.getMessage())));
		}
		if (ex instanceof StaleVersionException stale) {
			problem.setProperty("currentVersion", stale.currentVersion());
		}
		ex.properties().forEach(problem::setProperty);
		return problem;
	}

	@ExceptionHandler
	ProblemDetail preconditionRequired(PreconditionRequiredException ex) {
		return Problems.of(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail optimisticLock(ObjectOptimisticLockingFailureException ex) {
		return Problems.of(HttpStatus.CONFLICT, "stale-version",
				"The object was changed by someone else while this request ran; reload it and try again");
	}

	@ExceptionHandler
	ProblemDetail integrity(DataIntegrityViolationException ex) {
		String message = String.valueOf(ex.getMostSpecificCause().getMessage());
		for (Map.Entry<String, String> unique : UNIQUE_FIELDS.entrySet()) {
			if (message.contains(unique.getKey())) {
				ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "conflict",
						"The " + unique.getValue() + " is already taken");
				problem.setProperty("errors", List.of(new FieldProblem(unique.getValue(), "is already taken")));
				return problem;
			}
		}
		return Problems.of(HttpStatus.CONFLICT, "conflict",
				"The change conflicts with other data and was not made");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> fields = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			fields.add(new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage())));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach(error -> fields.add(new FieldProblem(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
		ProblemDetail problem = Problems.invalid(describe(fields), fields);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> fields = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach(result -> result.getResolvableErrors()
				.forEach(error -> fields.add(new FieldProblem(
						String.valueOf(result.getMethodParameter().getParameterName()),
						String.valueOf(error.getDefaultMessage())))));
		return ResponseEntity.badRequest().body(Problems.invalid(describe(fields), fields));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			// the parser wraps the stream's refusal like any other read failure
			if (cause instanceof BodyTooLargeException tooLarge) {
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
					.body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", tooLarge.getMessage()));
			}
		}
		JacksonException json = jacksonCause(ex);
		if (json instanceof UnrecognizedPropertyException unknown) {
			String field = path(unknown);
			String message = "unknown property '" + unknown.getPropertyName() + "'; known properties are "
					+ unknown.getKnownPropertyIds()
						.stream()
						.map(String::valueOf)
						.sorted()
						.collect(Collectors.joining(", "));
			return ResponseEntity.badRequest()
				.body(Problems.invalid(field + ": " + message, List.of(new FieldProblem(field, message))));
		}
		if (json != null && !json.getPath().isEmpty()) {
			String field = path(json);
			Throwable root = ex.getMostSpecificCause();
			String message = root instanceof IllegalArgumentException && root.getMessage() != null ? root.getMessage()
					: "has a value of the wrong type or format";
			return ResponseEntity.badRequest()
				.body(Problems.invalid(field + ": " + message, List.of(new FieldProblem(field, message))));
		}
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, "unreadable-body",
					"The request body is missing or is not valid JSON"));
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			problem.setType(Problems.of(statusCode, Problems.typeFor(statusCode), "").getType());
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static @Nullable JacksonException jacksonCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException json) {
				return json;
			}
		}
		return null;
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String describe(List<FieldProblem> fields) {
		if (fields.size() == 1) {
			return fields.get(0).field() + ": " + fields.get(0).message();
		}
		return fields.size() + " fields are invalid";
	}

}
