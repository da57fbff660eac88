package io.tfmesh.emulator.kubernetes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side printing: objects as a {@code meta.k8s.io} {@code Table} for clients that ask for
 * one in their {@code Accept} header, as {@code kubectl get} does
 * ({@code application/json;as=Table;v=v1;g=meta.k8s.io,application/json}).
 */
final class Tables {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private Tables() {
	}

	/**
	 * The version of {@code Table} the client prefers over plain JSON, if any: of the media types
	 * it accepts, by falling quality, the first the server can produce decides.
	 * @return {@code v1} or {@code v1beta1}
	 */
	static Optional<String> requested(@Nullable String accept) {
		if (accept == null || accept.isBlank()) {
			return Optional.empty();
		}
		List<MediaRange> ranges = new ArrayList<>();
		String[] parts = accept.split(",");
		for (int i = 0; i < parts.length; i++) {
			ranges.add(MediaRange.parse(parts[i], i));
		}
		ranges.sort(Comparator.comparingDouble((MediaRange range) -> -range.quality()).thenComparingInt(MediaRange::order));
		for (MediaRange range : ranges) {
			if (range.quality() <= 0) {
				continue;
			}
			if (range.isTable()) {
				return Optional.of(range.version());
			}
			if (range.isPlainJson()) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	/**
	 * @param list the {@code metadata} of the list the rows come from, with its resourceVersion
	 * and continue token; none for a single object
	 * @param includeObject {@code None}, {@code Metadata} (the default) or {@code Object}
	 */
	static ObjectNode table(ResourceType type, List<JsonNode> objects, @Nullable JsonNode list, String version,
			@Nullable String includeObject, Instant now) {
		ObjectNode table = NODES.objectNode();
		table.put("kind", "Table");
		table.put("apiVersion", "meta.k8s.io/" + version);
		ObjectNode metadata = table.putObject("metadata");
		if (list != null) {
			for (String key : List.of("resourceVersion", "continue", "remainingItemCount")) {
				if (list.has(key)) {
					metadata.set(key, list.get(key));
				}
			}
		}
		ArrayNode columns = table.putArray("columnDefinitions");
		for (TablePrinters.Column column : TablePrinters.columns(type)) {
			ObjectNode definition = columns.addObject();
			definition.put("name", column.name());
			definition.put("type", column.type());
			definition.put("format", column.format());
			definition.put("description", column.description());
			definition.put("priority", column.priority());
		}
		ArrayNode rows = table.putArray("rows");
		for (JsonNode object : objects) {
			ObjectNode row = rows.addObject();
			ArrayNode cells = row.putArray("cells");
			for (Object cell : TablePrinters.cells(type, object, now)) {
				if (cell instanceof Number number) {
					cells.add(number.longValue());
				}
				else {
					cells.add(String.valueOf(cell));
				}
			}
			String phase = object.path("status").path("phase").asString("");
			if (type.plural().equals("pods") && (phase.equals("Succeeded") || phase.equals("Failed"))) {
				ObjectNode condition = row.putArray("conditions").addObject();
				condition.put("type", "Completed");
				condition.put("status", "True");
				condition.put("reason", phase);
				condition.put("message", phase.equals("Succeeded") ? "The pod has completed successfully."
						: "The pod failed.");
			}
			JsonNode included = included(object, includeObject, version);
			if (included != null) {
				row.set("object", included);
			}
		}
		return table;
	}

	private static @Nullable JsonNode included(JsonNode object, @Nullable String includeObject, String version) {
		String mode = (includeObject == null || includeObject.isEmpty()) ? "Metadata" : includeObject;
		if (mode.equals("None")) {
			return null;
		}
		if (mode.equals("Object")) {
			return object;
		}
		ObjectNode partial = NODES.objectNode();
		partial.put("kind", "PartialObjectMetadata");
		partial.put("apiVersion", "meta.k8s.io/" + version);
		partial.set("metadata", object.path("metadata"));
		return partial;
	}

	private record MediaRange(String type, @Nullable String as, @Nullable String version, @Nullable String group,
			double quality, int order) {

		static MediaRange parse(String text, int order) {
			String[] parts = text.split(";");
			String as = null;
			String version = null;
			String group = null;
			double quality = 1;
			for (int i = 1; i < parts.length; i++) {
				String[] pair = parts[i].trim().split("=", 2);
				String value = (pair.length > 1) ? pair[1].trim() : "";
				switch (pair[0].trim().toLowerCase(Locale.ROOT)) {
					case "as" -> as = value;
					case "v" -> version = value;
					case "g" -> group = value;
					case "q" -> quality = quality(value);
					default -> {
					}
				}
			}
			return new MediaRange(parts[0].trim().toLowerCase(Locale.ROOT), as, version, group, quality, order);
		}

		boolean isTable() {
			return "application/json".equals(type) && "Table".equals(as) && "meta.k8s.io".equals(group)
					&& ("v1".equals(version) || "v1beta1".equals(version));
		}

		boolean isPlainJson() {
			return as == null && ("application/json".equals(type) || "application/*".equals(type) || "*/*".equals(type));
		}

		private static double quality(String value) {
			try {
				return Double.parseDouble(value);
			}
			catch (NumberFormatException ex) {
				return 1;
			}
		}

	}

}
