package io.tfmesh.emulator.kubernetes;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class MergePatchesTest {

	private static final JsonMapper JSON = new JsonMapper();

	/** The examples of RFC 7386, appendix A. */
	@Test
	void mergesAsRfc7386() {
		assertMerge("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}");
		assertMerge("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}");
		assertMerge("{\"a\":\"b\"}", "{\"a\":null}", "{}");
		assertMerge("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}");
		assertMerge("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}");
		assertMerge("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}");
		assertMerge("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}");
		assertMerge("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}");
		assertMerge("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}");
		assertMerge("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}");
	}

	@Test
	void aStrategicMergeMergesListsByTheirMergeKeyAndDeletesMarkedElements() {
		JsonNode merged = MergePatches.strategicMerge(json("""
				{"spec":{"containers":[{"name":"a","image":"a:1","env":[{"name":"X","value":"1"}]},{"name":"b","image":"b:1"}],
				 "tolerations":[{"key":"t1"}]}}
				"""), json("""
				{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],
				 "spec":{"containers":[{"name":"a","image":"a:2","env":[{"name":"Y","value":"2"}]},{"name":"b","$patch":"delete"},
				  {"name":"c","image":"c:1"}],"tolerations":[{"key":"t2"}]}}
				"""));

		assertThat(merged).isEqualTo(json("""
				{"spec":{"containers":[{"name":"a","image":"a:2","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]},
				  {"name":"c","image":"c:1"}],"tolerations":[{"key":"t2"}]}}
				"""));
	}

	private static void assertMerge(String target, String patch, String result) {
		assertThat(MergePatches.merge(json(target), json(patch))).isEqualTo(json(result));
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
