package io.tfmesh.emulator.tf;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PyReprTest {

	@Test
	void formatsShortListsOnOneLine() {
		assertThat(PyRepr.pformat(List.of("default-domain", "k8s-default")))
			.isEqualTo("['default-domain', 'k8s-default']");
	}

	@Test
	void breaksListsWiderThanEightyColumnsOneItemALine() {
		assertThat(PyRepr.pformat(
				List.of("default-domain", "default-project", "ip-fabric", "__default__", "gcp-west-master")))
			.isEqualTo("['default-domain',\n 'default-project',\n 'ip-fabric',\n '__default__',\n 'gcp-west-master']");
	}

	@Test
	void quotesStringsAsPythonDoes() {
		assertThat(PyRepr.string("it's")).isEqualTo("\"it's\"");
		assertThat(PyRepr.string("a'b\"c")).isEqualTo("'a\\'b\"c'");
		assertThat(PyRepr.string("tab\there")).isEqualTo("'tab\\there'");
	}

	@Test
	void writesJsonAsPythonLiterals() {
		JsonMapper json = JsonMapper.builder().build();
		assertThat(PyRepr.repr(json.readTree("{\"fq_name\": [\"a\"], \"attr\": null, \"on\": true, \"n\": 3}")))
			.isEqualTo("{'fq_name': ['a'], 'attr': None, 'on': True, 'n': 3}");
	}

}
