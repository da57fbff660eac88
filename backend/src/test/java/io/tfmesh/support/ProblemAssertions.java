package io.tfmesh.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks of RFC 9457 problem documents as the API answers with them. */
public final class ProblemAssertions {

	public static final String PROBLEM_JSON = "application/problem+json";

	private ProblemAssertions() {
	}

	/** Asserts a problem document with that status and a type ending in {@code typeSuffix}; returns its JSON. */
	public static JsonNode assertProblem(Api.Response response, int status, String typeSuffix) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as("content type of " + response).startsWith(PROBLEM_JSON);
		JsonNode problem = response.json();
		assertThat(problem.path("status").asInt()).as(response.toString()).isEqualTo(status);
		assertThat(problem.path("type").asString()).as(response.toString()).endsWith(typeSuffix);
		assertThat(problem.path("title").asString()).as(response.toString()).isNotBlank();
		assertThat(problem.path("detail").asString()).as(response.toString()).isNotBlank();
		return problem;
	}

	/**
	 * Asserts a 400 problem that names {@code field} in {@code errors[].field}; returns the
	 * message given for that field.
	 */
	public static String assertInvalidField(Api.Response response, String field) {
		JsonNode problem = assertProblem(response, 400, "invalid-input");
		List<String> fields = fields(problem);
		assertThat(fields).as(response.toString()).contains(field);
		for (JsonNode error : problem.path("errors")) {
			if (field.equals(error.path("field").asString())) {
				String message = error.path("message").asString();
				assertThat(message).as(response.toString()).isNotBlank();
				return message;
			}
		}
		throw new AssertionError("unreachable");
	}

	public static List<String> fields(JsonNode problem) {
		List<String> fields = new ArrayList<>();
		problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
		return fields;
	}

	/** Asserts a 409 problem that names {@code field} in {@code errors[].field}. */
	public static JsonNode assertConflictOnField(Api.Response response, String field) {
		JsonNode problem = assertProblem(response, 409, "conflict");
		assertThat(fields(problem)).as(response.toString()).contains(field);
		return problem;
	}

}
