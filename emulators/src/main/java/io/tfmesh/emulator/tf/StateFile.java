package io.tfmesh.emulator.tf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.tfmesh.emulator.tf.TfStore.Stored;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The emulated config database on disk: every object, and which references are relaxed for delete. */
final class StateFile {

	private final Path file;

	private final JsonMapper json;

	record Contents(List<Stored> objects, List<List<String>> relaxed) {
	}

	StateFile(Path file, JsonMapper json) {
		this.file = file;
		this.json = json;
	}

	/** @return empty contents when there is no file yet */
	Contents load() {
		List<Stored> objects = new ArrayList<>();
		List<List<String>> relaxed = new ArrayList<>();
		if (!Files.exists(file)) {
			return new Contents(objects, relaxed);
		}
		JsonNode state;
		try {
			state = json.readTree(file);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("the TF emulator state " + file + " is not readable: " + ex.getMessage(),
					ex);
		}
		for (JsonNode entry : state.path("objects")) {
			objects.add(new Stored(entry.path("type").asString(), (ObjectNode) entry.path("object").deepCopy()));
		}
		for (JsonNode pair : state.path("relaxed")) {
			relaxed.add(TfStore.strings(pair));
		}
		return new Contents(objects, relaxed);
	}

	/**
	 * Writes to a temporary file and moves it over the state file, so that a crash leaves the
	 * old state or the new one, never half of one.
	 */
	void save(Collection<Stored> objects, Collection<List<String>> relaxed) {
		ObjectNode state = TfStore.NODES.objectNode();
		ArrayNode entries = state.putArray("objects");
		for (Stored stored : objects) {
			ObjectNode entry = entries.addObject();
			entry.put("type", stored.type());
			entry.set("object", stored.object());
		}
		ArrayNode pairs = state.putArray("relaxed");
		relaxed.forEach(pair -> pairs.addArray().add(pair.get(0)).add(pair.get(1)));
		Path temporary = null;
		try {
			Path directory = file.toAbsolutePath().getParent();
			Files.createDirectories(directory);
			temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
			Files.write(temporary, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			deleteQuietly(temporary);
			throw new UncheckedIOException("cannot save the TF emulator state to " + file, ex);
		}
	}

	void delete() {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete " + file, ex);
		}
	}

	private static void deleteQuietly(@Nullable Path temporary) {
		if (temporary == null) {
			return;
		}
		try {
			Files.deleteIfExists(temporary);
		}
		catch (IOException ignored) {
			// the save failed already; a stray temporary file is the lesser problem
		}
	}

}
