package io.tfmesh.preflight;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedVersionsTest {

	@ParameterizedTest
	@CsvSource({ "3.10.0-862.14.4, 3.10.0-862.14.4, true", "3.10.0-862.14.4, 3.10.0-862.14.4.el7.x86_64, true",
			"3.10.0-862.14.4, 3.10.0-862.3.2.el7.x86_64, false", "3.10.0-862.1, 3.10.0-862.14.4, false",
			"1.10.11, v1.10.11, true", "v1.10.11, 1.10.11, true", "1.28, v1.28.15, true", "1.2, v1.28.15, false",
			"1.10.11, v1.12.0, false", "containerd://1.6.28, containerd://1.6.28, true",
			"containerd://1.6.2, containerd://1.6.28, false", "5.4.0-182, 5.4.0-182-generic, true" })
	void allowsAnEntryAndTheBuildsNamedAfterIt(String entry, String reported, boolean allowed) {
		assertThat(AllowedVersions.allows(List.of(entry), reported)).isEqualTo(allowed);
	}

}
