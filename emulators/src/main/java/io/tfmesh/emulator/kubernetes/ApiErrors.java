package io.tfmesh.emulator.kubernetes;

import java.util.List;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The failures of the API server as it answers them: a {@code Status} with the code, reason,
 * message and details of {@code staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go}.
 */
final class ApiErrors {

	static final String MODIFIED = "the object has been modified; please apply your changes to the latest version and try again";

	private ApiErrors() {
	}

	/** {@code NewNotFound}: {@code configmaps "x" not found}. */
	static MockResponse notFound(ResourceType type, String name) {
		return answer(failure(404, "NotFound", type.qualifiedResource() + " " + quoted(name) + " not found")
			.withDetails(details(type, name, type.plural()))
			.build());
	}

	/** {@code NewAlreadyExists}: {@code configmaps "env" already exists}. */
	static MockResponse alreadyExists(ResourceType type, String name) {
		return answer(failure(409, "AlreadyExists", type.qualifiedResource() + " " + quoted(name) + " already exists")
			.withDetails(details(type, name, type.plural()))
			.build());
	}

	/** {@code NewConflict} for a write based on a version that is no longer the current one. */
	static MockResponse conflict(ResourceType type, String name) {
		return answer(failure(409, "Conflict",
				"Operation cannot be fulfilled on " + type.qualifiedResource() + " " + quoted(name) + ": " + MODIFIED)
			.withDetails(details(type, name, type.plural()))
			.build());
	}

	/**
	 * {@code NewInvalid} with one field error of type {@code FieldValueInvalid} per problem.
	 * @param value the invalid value as Go's {@code %#v} prints it
	 */
	static MockResponse invalid(ResourceType type, String name, String field, String value, List<String> problems) {
		List<String> bodies = problems.stream().map(problem -> "Invalid value: " + value + ": " + problem).toList();
		List<String> errors = bodies.stream().map(body -> field + ": " + body).toList();
		// an aggregate of one error prints as that error, of several as a bracketed list
		String aggregate = (errors.size() == 1) ? errors.get(0) : "[" + String.join(", ", errors) + "]";
		return answer(failure(422, "Invalid", type.qualifiedKind() + " " + quoted(name) + " is invalid: " + aggregate)
			.withDetails(new StatusDetailsBuilder(details(type, name, type.kind())).withCauses(bodies.stream()
				.map(body -> new StatusCauseBuilder().withReason("FieldValueInvalid")
					.withMessage(body)
					.withField(field)
					.build())
				.toList()).build())
			.build());
	}

	/** {@code NewInvalid} for a field that must be set: {@code ConfigMap "" is invalid: metadata.name: Required value: ...}. */
	static MockResponse required(ResourceType type, String name, String field, String detail) {
		String body = "Required value: " + detail;
		return answer(failure(422, "Invalid", type.qualifiedKind() + " " + quoted(name) + " is invalid: " + field + ": " + body)
			.withDetails(new StatusDetailsBuilder(details(type, name, type.kind()))
				.withCauses(new StatusCauseBuilder().withReason("FieldValueRequired").withMessage(body).withField(field).build())
				.build())
			.build());
	}

	/** A request the server understood but cannot carry out: 422 without field errors. */
	static MockResponse unprocessable(String message) {
		return answer(failure(422, "Invalid", message).build());
	}

	/** {@code NewBadRequest}. */
	static MockResponse badRequest(String message) {
		return answer(failure(400, "BadRequest", message).build());
	}

	/** {@code NewInternalError}. */
	static MockResponse internal(String reason) {
		return answer(failure(500, "InternalError", "Internal error occurred: " + reason).build());
	}

	/**
	 * {@code NewServiceUnavailable}, with the message client-go gives a 503 that carries no
	 * reason of its own ({@code NewGenericServerResponse}).
	 */
	static MockResponse serviceUnavailable() {
		return answer(failure(503, "ServiceUnavailable", "the server is currently unable to handle the request").build());
	}

	/** {@code NewResourceExpired}: a list can no longer be continued where it was. */
	static MockResponse expired(String message) {
		return answer(failure(410, "Expired", message).build());
	}

	/**
	 * What the API server answers a patch of a media type it does not take, listing the ones
	 * {@code staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go} takes for built-in kinds.
	 */
	static MockResponse unsupportedPatch() {
		return answer(failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
				+ "accepted media types include: application/json-patch+json, application/merge-patch+json, "
				+ "application/strategic-merge-patch+json, application/apply-patch+yaml")
			.build());
	}

	/** Go's {@code %q}. */
	static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/** The core group is left out, as Go leaves out empty strings. */
	private static StatusDetails details(ResourceType type, String name, String kind) {
		return new StatusDetailsBuilder().withName(name.isEmpty() ? null : name)
			.withGroup(type.group().isEmpty() ? null : type.group())
			.withKind(kind)
			.build();
	}

	private static StatusBuilder failure(int code, String reason, String message) {
		return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
			.withNewMetadata()
			.endMetadata();
	}

	private static MockResponse answer(Status status) {
		return new MockResponse().setResponseCode(status.getCode())
			.setHeader("Content-Type", "application/json")
			.setBody(Serialization.asJson(status));
	}

}
