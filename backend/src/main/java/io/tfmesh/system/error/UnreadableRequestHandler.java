package io.tfmesh.system.error;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Answers requests whose parameters or multipart body cannot be decoded, on every endpoint:
 * they fail before a controller is chosen, or outside what a controller's advice sees, and
 * are the client's fault, not a server error to log with its stack.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UnreadableRequestHandler {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> multipart(MultipartException ex) {
		if (ex instanceof MaxUploadSizeExceededException) {
			return answer(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
					"The multipart body is larger than tfmesh accepts"));
		}
		return answer(Problems.of(HttpStatus.BAD_REQUEST, "unreadable-body", "The multipart body could not be read"));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> parameters(InvalidParameterException ex) {
		return answer(Problems.of(HttpStatus.BAD_REQUEST, "bad-request",
				"The request's parameters could not be decoded: send them as percent-encoded UTF-8"));
	}

	private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
