package io.tfmesh.emulator.kubernetes;

import java.nio.charset.StandardCharsets;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import org.jspecify.annotations.Nullable;

/** Typed reads and writes of the emulator's own, through its store's REST handlers. */
final class ObjectStore {

	private final EmulatorDispatcher dispatcher;

	ObjectStore(EmulatorDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@SuppressWarnings("unchecked")
	<T extends HasMetadata> T create(String collectionPath, T object) {
		MockResponse response = dispatcher.internal(HttpMethod.POST, collectionPath, Serialization.asJson(object));
		if (response.code() >= 300) {
			throw new IllegalStateException("the emulated API refused to create " + object.getKind() + " "
					+ object.getMetadata().getName() + ": HTTP " + response.code() + " " + body(response));
		}
		return (T) Serialization.unmarshal(body(response), object.getClass());
	}

	/** Replaces the object at its path, as a client's PUT would. */
	@SuppressWarnings("unchecked")
	<T extends HasMetadata> T replace(String path, T object) {
		MockResponse response = dispatcher.internal(HttpMethod.PUT, path, Serialization.asJson(object));
		if (response.code() >= 300) {
			throw new IllegalStateException("the emulated API refused to replace " + path + ": HTTP "
					+ response.code() + " " + body(response));
		}
		return (T) Serialization.unmarshal(body(response), object.getClass());
	}

	<T extends HasMetadata> @Nullable T get(String path, Class<T> type) {
		MockResponse response = dispatcher.internal(HttpMethod.GET, path, null);
		if (response.code() == 404) {
			return null;
		}
		if (response.code() >= 300) {
			throw new IllegalStateException("the emulated API failed to read " + path + ": HTTP " + response.code());
		}
		return Serialization.unmarshal(body(response), type);
	}

	/** A list of the store, such as {@code PodList}, read through the same handlers as a client would. */
	<L> L list(String path, Class<L> type) {
		MockResponse response = dispatcher.internal(HttpMethod.GET, path, null);
		if (response.code() >= 300) {
			throw new IllegalStateException("the emulated API failed to list " + path + ": HTTP " + response.code());
		}
		return Serialization.unmarshal(body(response), type);
	}

	private static String body(MockResponse response) {
		return (response.getBody() != null) ? new String(response.getBody().getBytes(), StandardCharsets.UTF_8) : "";
	}

}
