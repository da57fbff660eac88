package io.tfmesh.system.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.error.StaleVersionException;

import org.springframework.validation.BindingResult;

/**
 * Puts problems named by request paths onto the fields of a dashboard form, so that each
 * message appears under the input it is about.
 */
public final class FormErrors {

	private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

	private FormErrors() {
	}

	/**
	 * @param fields request path (or path prefix) to form field; a problem whose path matches
	 * no entry becomes a form-wide error
	 */
	public static void apply(BindingResult result, List<FieldProblem> problems, Map<String, String> fields) {
		for (FieldProblem problem : problems) {
			Map.Entry<String, String> match = fields.entrySet()
				.stream()
				.filter(entry -> problem.field().equals(entry.getKey()) || problem.field().startsWith(entry.getKey() + ".")
						|| problem.field().startsWith(entry.getKey() + "["))
				.max(Comparator.comparingInt(entry -> entry.getKey().length()))
				.orElse(null);
			String formField = match == null ? null : match.getValue();
			String message = match == null ? problem.message() : lineOf(problem.field(), match.getKey()) + problem.message();
			if (formField == null) {
				result.reject("invalid", problem.field() + ": " + message);
				continue;
			}
			if (result.getFieldErrors(formField).stream().noneMatch(error -> message.equals(error.getDefaultMessage()))) {
				result.rejectValue(formField, "invalid", message);
			}
		}
	}

	/**
	 * Runs a form's action and turns what the services refuse into form errors.
	 * @return the action's result, or empty when the form must be shown again with its errors
	 */
	public static <T> Optional<T> attempt(BindingResult result, Map<String, String> fields, Supplier<T> action) {
		if (result.hasErrors()) {
			return Optional.empty();
		}
		try {
			return Optional.of(action.get());
		}
		catch (InvalidInputException ex) {
			apply(result, ex.problems(), fields);
		}
		catch (ConflictException ex) {
			if (ex.field() != null && !(ex instanceof StaleVersionException)) {
				apply(result, List.of(new FieldProblem(ex.field(), ex.getMessage())), fields);
			}
			else {
				result.reject("conflict", ex.getMessage());
			}
		}
		return Optional.empty();
	}

	/** Lists are edited one item per line, so an item's index is a line number to the reader. */
	private static String lineOf(String path, String prefix) {
		Matcher index = INDEX.matcher(path.substring(prefix.length()));
		return index.lookingAt() ? "line " + (Integer.parseInt(index.group(1)) + 1) + ": " : "";
	}

}
