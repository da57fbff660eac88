package io.tfmesh.system.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The request is well-formed but some of its fields are not acceptable (400). */
public class InvalidInputException extends RuntimeException {

	/** The most problems one answer lists: enough to fix a form, too few to make an answer huge. */
	public static final int MAX_PROBLEMS = 50;

	private final List<FieldProblem> problems;

	/** @param problems listed once each, the first {@value #MAX_PROBLEMS} of them */
	public InvalidInputException(Collection<FieldProblem> problems) {
		this(capped(problems));
	}

	private InvalidInputException(List<FieldProblem> problems) {
		super(summary(problems));
		this.problems = problems;
	}

	public InvalidInputException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> problems() {
		return problems;
	}

	private static List<FieldProblem> capped(Collection<FieldProblem> problems) {
		Set<FieldProblem> distinct = new LinkedHashSet<>(problems);
		if (distinct.size() <= MAX_PROBLEMS) {
			return List.copyOf(distinct);
		}
		List<FieldProblem> first = new ArrayList<>(distinct.stream().limit(MAX_PROBLEMS).toList());
		first.add(new FieldProblem("body", (distinct.size() - MAX_PROBLEMS) + " more problems are not listed"));
		return List.copyOf(first);
	}

	private static String summary(List<FieldProblem> problems) {
		return problems.size() == 1 ? problems.get(0).field() + ": " + problems.get(0).message()
				: problems.size() + " fields are invalid";
	}

}
