package io.tfmesh.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The TF process states an emulated cluster keeps across restarts: whether its control node's
 * IFMap subscription is still stale, and the states set by hand. Whether the control node has a
 * bgp-router at all is read from the config API's store.
 */
final class ProcessStates {

	record Override(String node, String pod, String service, String state, @Nullable String description) {
	}

	record Saved(boolean controlStuck, List<Override> overrides) {
	}

	private final Path file;

	private final JsonMapper json;

	private Saved saved = new Saved(false, List.of());

	ProcessStates(Path file, JsonMapper json) {
		this.file = file;
		this.json = json;
		if (Files.exists(file)) {
			saved = json.readValue(file.toFile(), Saved.class);
		}
	}

	synchronized boolean exists() {
		return Files.exists(file);
	}

	synchronized boolean controlStuck() {
		return saved.controlStuck();
	}

	synchronized List<Override> overrides() {
		return saved.overrides();
	}

	synchronized void reset(boolean controlStuck) {
		save(new Saved(controlStuck, List.of()));
	}

	/** A restarted control pod reads its configuration; hand-set states of control and agents go with the old pod. */
	synchronized void controlRecovered() {
		save(new Saved(false, saved.overrides()
			.stream()
			.filter(override -> !override.pod().equals("control"))
			.toList()));
	}

	synchronized void override(Override override) {
		List<Override> overrides = new ArrayList<>(saved.overrides()
			.stream()
			.filter(existing -> !(existing.node().equals(override.node()) && existing.pod().equals(override.pod())
					&& existing.service().equals(override.service())))
			.toList());
		overrides.add(override);
		save(new Saved(saved.controlStuck(), overrides));
	}

	private void save(Saved next) {
		try {
			Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
			Files.writeString(temporary, json.writeValueAsString(next));
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			saved = next;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
