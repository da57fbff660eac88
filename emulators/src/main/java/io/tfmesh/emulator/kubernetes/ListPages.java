package io.tfmesh.emulator.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.fabric8.mockwebserver.http.MockResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists in pages of {@code limit} items, in the order of the objects' keys
 * ({@code <namespace>/<name>}), each page but the last with a {@code continue} token and the
 * count of items after it. Tokens are those of
 * {@code staging/src/k8s.io/apiserver/pkg/storage/continue.go}: base64 of
 * {@code {"v":"meta.k8s.io/v1","rv":<list version>,"start":"<last key>\u0000"}}.
 */
final class ListPages {

	static final String EXPIRED = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ListPages() {
	}

	/**
	 * @param items sorted by {@link #key}
	 * @param oldestVersion versions before it are gone, as after an etcd compaction
	 * @return the page, or the API server's refusal of the token
	 */
	static Page page(List<JsonNode> items, long listVersion, @Nullable String limitText,
			@Nullable String continueToken, long oldestVersion) {
		long version = listVersion;
		int from = 0;
		if (continueToken != null && !continueToken.isEmpty()) {
			Token token;
			try {
				token = Token.decode(continueToken);
			}
			catch (IllegalArgumentException ex) {
				return new Page(ApiErrors.badRequest("invalid continue token: " + ex.getMessage()));
			}
			if (token.version() < oldestVersion) {
				return new Page(ApiErrors.expired(EXPIRED));
			}
			version = token.version();
			while (from < items.size() && key(items.get(from)).compareTo(token.start()) < 0) {
				from++;
			}
		}
		long limit = limit(limitText);
		int to = (limit > 0 && from + limit < items.size()) ? (int) (from + limit) : items.size();
		// the token starts just after the last key returned, as etcd's range does
		String next = (to < items.size()) ? Token.encode(version, key(items.get(to - 1))) : null;
		return new Page(items.subList(from, to), version, next, items.size() - to);
	}

	/** What an object sorts by in a list: {@code namespace/name}, or its name if it has no namespace. */
	static String key(JsonNode object) {
		JsonNode metadata = object.path("metadata");
		String namespace = metadata.path("namespace").asString("");
		String name = metadata.path("name").asString("");
		return namespace.isEmpty() ? name : namespace + "/" + name;
	}

	private static long limit(@Nullable String text) {
		if (text == null) {
			return 0;
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			// the API server's query decoding ignores a limit it cannot read
			return 0;
		}
	}

	/**
	 * A page, or the failure to produce one.
	 *
	 * @param remaining items after this page
	 */
	record Page(List<JsonNode> items, long version, @Nullable String next, long remaining,
			@Nullable MockResponse failure) {

		Page(List<JsonNode> items, long version, @Nullable String next, long remaining) {
			this(items, version, next, remaining, null);
		}

		Page(MockResponse failure) {
			this(List.of(), 0, null, 0, failure);
		}

		/** Writes the page's continue token and remaining count into a list's metadata. */
		void describe(ObjectNode metadata) {
			metadata.put("resourceVersion", String.valueOf(version));
			if (next != null) {
				metadata.put("continue", next);
				metadata.put("remainingItemCount", remaining);
			}
		}

	}

	private record Token(long version, String start) {

		static String encode(long version, String start) {
			ObjectNode token = JSON.createObjectNode();
			token.put("v", "meta.k8s.io/v1");
			token.put("rv", version);
			token.put("start", start + "\u0000");
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(JSON.writeValueAsString(token).getBytes(StandardCharsets.UTF_8));
		}

		/** @throws IllegalArgumentException with the API server's reason */
		static Token decode(String text) {
			byte[] bytes;
			try {
				bytes = Base64.getUrlDecoder().decode(text);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("continue key is not valid: illegal base64 data at input byte "
						+ firstIllegal(text));
			}
			JsonNode token;
			try {
				token = JSON.readTree(bytes);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("continue key is not valid: " + ex.getOriginalMessage());
			}
			if (!"meta.k8s.io/v1".equals(token.path("v").asString(""))) {
				throw new IllegalArgumentException(
						"continue key is not valid: server does not recognize this encoded version");
			}
			long version = token.path("rv").asLong(0);
			if (version == 0) {
				throw new IllegalArgumentException(
						"continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
			}
			String start = token.path("start").asString("");
			if (start.isEmpty()) {
				throw new IllegalArgumentException(
						"continue key is not valid: encoded start key empty (version meta.k8s.io/v1)");
			}
			return new Token(version, start);
		}

		private static int firstIllegal(String text) {
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
					return i;
				}
			}
			return text.length();
		}

	}

}
