package io.tfmesh.system.error;

import java.util.List;

/** The request is well-formed but some of its fields are not acceptable (400). */
public class InvalidInputException extends RuntimeException {

	private final List<FieldProblem> problems;

	public InvalidInputException(List<FieldProblem> problems) {
		super(summary(problems));
		this.problems = List.copyOf(problems);
	}

	public InvalidInputException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> problems() {
		return problems;
	}

	private static String summary(List<FieldProblem> problems) {
		return problems.size() == 1 ? problems.get(0).field() + ": " + problems.get(0).message()
				: problems.size() + " fields are invalid";
	}

}
