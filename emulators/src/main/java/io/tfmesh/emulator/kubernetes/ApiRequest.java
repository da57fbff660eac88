package io.tfmesh.emulator.kubernetes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A request for objects of a {@link ResourceType}:
 * {@code /api/v1[/namespaces/<ns>]/<plural>[/<name>[/<subresource>]]} or the same under
 * {@code /apis/<group>/<version>}.
 */
record ApiRequest(ResourceType type, @Nullable String namespace, @Nullable String name,
		@Nullable String subresource, Map<String, String> query) {

	static Optional<ApiRequest> parse(String path) {
		int mark = path.indexOf('?');
		String plain = (mark >= 0) ? path.substring(0, mark) : path;
		Map<String, String> query = (mark >= 0) ? query(path.substring(mark + 1)) : Map.of();
		List<String> segments = Arrays.stream(plain.split("/")).filter(segment -> !segment.isEmpty()).toList();
		String groupVersion;
		List<String> rest;
		if (segments.size() >= 3 && segments.get(0).equals("api")) {
			groupVersion = segments.get(1);
			rest = segments.subList(2, segments.size());
		}
		else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
			groupVersion = segments.get(1) + "/" + segments.get(2);
			rest = segments.subList(3, segments.size());
		}
		else {
			return Optional.empty();
		}
		if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
			Optional<ResourceType> namespaced = ResourceType.find(groupVersion, rest.get(2))
				.filter(ResourceType::namespaced);
			if (namespaced.isPresent() && rest.size() <= 5) {
				return Optional.of(new ApiRequest(namespaced.get(), rest.get(1), at(rest, 3), at(rest, 4), query));
			}
		}
		if (rest.size() > 3) {
			return Optional.empty();
		}
		return ResourceType.find(groupVersion, rest.get(0))
			.map(type -> new ApiRequest(type, null, at(rest, 1), at(rest, 2), query));
	}

	/** The path of the collection, in the namespace if there is one. */
	String collectionPath() {
		String prefix = type.group().isEmpty() ? "/api/v1" : "/apis/" + type.groupVersion();
		return prefix + ((namespace != null) ? "/namespaces/" + namespace : "") + "/" + type.plural();
	}

	String objectPath(String objectName) {
		return collectionPath() + "/" + objectName;
	}

	@Nullable String parameter(String key) {
		return query.get(key);
	}

	private static @Nullable String at(List<String> segments, int index) {
		return (index < segments.size()) ? segments.get(index) : null;
	}

	private static Map<String, String> query(String text) {
		Map<String, String> query = new LinkedHashMap<>();
		for (String pair : text.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = (equals >= 0) ? pair.substring(0, equals) : pair;
			String value = (equals >= 0) ? pair.substring(equals + 1) : "";
			query.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return query;
	}

}
