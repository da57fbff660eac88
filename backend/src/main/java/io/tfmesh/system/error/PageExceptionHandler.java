package io.tfmesh.system.error;

import java.io.IOException;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The answers of dashboard pages to what services refuse outside a form: a missing object is the
 * 404 page, a refused request its 4xx page, each with the message that says why. They are the
 * visitor's answer, not a failure of tfmesh, so nothing is logged. The pages are drawn by
 * {@link ErrorPageController}, which gives them the layout and its navigation; the API's handler
 * answers first for REST controllers.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class PageExceptionHandler {

	/** The request attribute that carries the sentence the error page shows. */
	static final String DETAIL = PageExceptionHandler.class.getName() + ".detail";

	@ExceptionHandler
	void notFound(NotFoundException ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		answer(HttpStatus.NOT_FOUND, ex.getMessage(), request, response);
	}

	@ExceptionHandler
	void invalid(InvalidInputException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		HttpStatus status = ex instanceof UnprocessableException ? HttpStatus.UNPROCESSABLE_CONTENT
				: HttpStatus.BAD_REQUEST;
		String detail = ex.problems()
			.stream()
			.map(problem -> problem.field() + ": " + problem.message())
			.collect(Collectors.joining("; "));
		answer(status, detail, request, response);
	}

	@ExceptionHandler
	void conflict(ConflictException ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		answer(HttpStatus.CONFLICT, ex.getMessage(), request, response);
	}

	@ExceptionHandler
	void preconditionRequired(PreconditionRequiredException ex, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		answer(HttpStatus.PRECONDITION_REQUIRED, ex.getMessage(), request, response);
	}

	private static void answer(HttpStatus status, String detail, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		request.setAttribute(DETAIL, detail);
		response.sendError(status.value());
	}

}
