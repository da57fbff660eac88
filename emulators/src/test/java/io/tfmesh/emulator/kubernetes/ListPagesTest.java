package io.tfmesh.emulator.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Continue tokens as {@code staging/src/k8s.io/apiserver/pkg/storage/continue.go} encodes and refuses them. */
class ListPagesTest {

	private static final JsonMapper JSON = new JsonMapper();

	private final List<JsonNode> items = IntStream.range(0, 5)
		.mapToObj(i -> JSON.readTree("{\"metadata\":{\"namespace\":\"ns\",\"name\":\"item-" + i + "\"}}"))
		.toList();

	@Test
	void aTokenHoldsTheListVersionAndTheKeyAfterWhichTheNextPageStarts() {
		ListPages.Page first = ListPages.page(items, 42, "2", null, 0);

		assertThat(first.items()).containsExactlyElementsOf(items.subList(0, 2));
		assertThat(first.remaining()).isEqualTo(3);
		JsonNode token = JSON.readTree(Base64.getUrlDecoder().decode(first.next()));
		assertThat(token.path("v").asString()).isEqualTo("meta.k8s.io/v1");
		assertThat(token.path("rv").asLong()).isEqualTo(42);
		assertThat(token.path("start").asString()).isEqualTo("ns/item-1\u0000");

		ListPages.Page last = ListPages.page(items, 50, "3", first.next(), 0);
		assertThat(last.items()).containsExactlyElementsOf(items.subList(2, 5));
		assertThat(last.next()).isNull();
		assertThat(last.version()).isEqualTo(42);
	}

	@Test
	void refusesTokensItCannotReadAndExpiresThoseFromBeforeItsHistory() {
		assertThat(message(ListPages.page(items, 42, "2", token("{\"v\":\"meta.k8s.io/v1\",\"rv\":0,\"start\":\"a\"}"), 0)))
			.isEqualTo("invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
		assertThat(message(ListPages.page(items, 42, "2", token("{\"v\":\"meta.k8s.io/v1\",\"rv\":3,\"start\":\"\"}"), 0)))
			.isEqualTo("invalid continue token: continue key is not valid: encoded start key empty (version meta.k8s.io/v1)");
		assertThat(message(ListPages.page(items, 42, "2", token("{\"v\":\"v2\",\"rv\":3,\"start\":\"a\"}"), 0)))
			.isEqualTo("invalid continue token: continue key is not valid: server does not recognize this encoded version");

		ListPages.Page expired = ListPages.page(items, 42, "2", ListPages.page(items, 5, "2", null, 0).next(), 10);
		assertThat(expired.failure().code()).isEqualTo(410);
		assertThat(message(expired)).isEqualTo(ListPages.EXPIRED);
	}

	private static String token(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static String message(ListPages.Page page) {
		return JSON.readTree(page.failure().getBody().getBytes()).path("message").asString();
	}

}
