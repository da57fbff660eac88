package io.tfmesh.system.error;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A part of the dashboard whose objects live under one path, so that the 404 page of a missing
 * object can lead back to its list.
 *
 * @param path the list's path, such as {@code /clusters}
 * @param name what the list holds, in words
 */
record Section(String path, String name) {

	private static final List<Section> ALL = List.of(new Section("/clouds", "clouds"),
			new Section("/clusters", "clusters"), new Section("/meshes", "meshes"), new Section("/intents", "intents"),
			new Section("/plans", "plans"), new Section("/users", "users"),
			new Section("/webhooks", "webhooks"));

	/** The section a page path belongs to, or null for a path outside every section. */
	static @Nullable Section of(String path) {
		return ALL.stream()
			.filter(section -> path.equals(section.path()) || path.startsWith(section.path() + "/"))
			.findFirst()
			.orElse(null);
	}

}
