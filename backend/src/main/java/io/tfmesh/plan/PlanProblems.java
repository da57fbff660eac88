package io.tfmesh.plan;

import java.net.URI;

import io.tfmesh.system.error.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The answers that only plans give, as problem details. */
@RestControllerAdvice(assignableTypes = PlanApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PlanProblems {

	@ExceptionHandler
	ProblemDetail secondAdmin(SecondAdminRequiredException ex) {
		return Problems.of(HttpStatus.FORBIDDEN, "second-admin-required", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail outsideWindow(OutsideChangeWindowException ex) {
		return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "outside-change-window", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail stale(StalePlanException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "stale", ex.getMessage());
		problem.setProperty("planId", ex.planId());
		problem.setProperty("planAgain", URI.create("/api/v1/plans"));
		problem.setProperty("meshId", ex.meshId());
		return problem;
	}

}
