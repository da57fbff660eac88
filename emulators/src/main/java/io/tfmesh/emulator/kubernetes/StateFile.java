package io.tfmesh.emulator.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulated cluster's objects on disk, so it survives a restart as it was left. The file is
 * written next to its final name and moved over it, so it is never seen half written.
 */
final class StateFile {

	private final Path file;

	private final JsonMapper json = JsonMapper.builder().build();

	StateFile(Path directory) {
		this.file = directory.resolve("kubernetes.json");
	}

	Path path() {
		return file;
	}

	/** @return the saved objects, none when nothing was saved yet */
	List<StoredObject> load() {
		if (!Files.exists(file)) {
			return List.of();
		}
		try {
			JsonNode root = json.readTree(Files.readString(file));
			List<StoredObject> objects = new ArrayList<>();
			for (JsonNode entry : root.path("objects")) {
				String plural = entry.path("plural").asString(null);
				objects.add(new StoredObject(plural, json.writeValueAsString(entry.path("object"))));
			}
			return objects;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	void save(List<StoredObject> objects) {
		ObjectNode root = json.createObjectNode();
		ArrayNode array = root.putArray("objects");
		for (StoredObject object : objects) {
			ObjectNode entry = array.addObject();
			entry.put("plural", object.plural());
			entry.set("object", json.readTree(object.json()));
		}
		Path next = file.resolveSibling(file.getFileName() + ".next");
		try {
			Files.createDirectories(file.getParent());
			Files.write(next, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
			Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

}
