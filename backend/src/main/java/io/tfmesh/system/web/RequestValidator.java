package io.tfmesh.system.web;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.InvalidInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/**
 * Runs the request records' constraints for the dashboard's forms, with field paths named as
 * the API names them ({@code underlayCidrs[0]}, {@code kubernetes.apiUrl}).
 */
@Component
public class RequestValidator {

	private final Validator validator;

	RequestValidator(Validator validator) {
		this.validator = validator;
	}

	/** Refuses a missing body (a JSON {@code null}) before any rule looks into it. */
	public void requireBody(Object request) {
		if (request == null) {
			throw new InvalidInputException("body", "is required: send the object as JSON");
		}
	}

	public void check(Object request) {
		check(request, List.of());
	}

	/**
	 * Checks the request's field constraints and adds the problems that the caller's own rules
	 * found, so that a form shows every mistake at once.
	 */
	public void check(Object request, List<FieldProblem> ruleProblems) {
		Set<FieldProblem> problems = new LinkedHashSet<>(validate(request));
		problems.addAll(ruleProblems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
	}

	public List<FieldProblem> validate(Object request) {
		Set<ConstraintViolation<Object>> violations = validator.validate(request);
		return violations.stream()
			.map(violation -> new FieldProblem(path(violation.getPropertyPath()), violation.getMessage()))
			.sorted(Comparator.comparing(FieldProblem::field))
			.toList();
	}

	static String path(Path path) {
		StringBuilder text = new StringBuilder();
		for (Path.Node node : path) {
			if (node.isInIterable()) {
				if (node.getIndex() != null) {
					text.append('[').append(node.getIndex()).append(']');
				}
				else if (node.getKey() != null) {
					text.append('[').append(node.getKey()).append(']');
				}
			}
			String name = node.getName();
			if (name != null && !name.startsWith("<")) {
				if (!text.isEmpty()) {
					text.append('.');
				}
				text.append(name);
			}
		}
		return text.toString();
	}

}
