package io.tfmesh.fabric.tf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TfValuesTest {

	/** As route_target.py validate_route_target_range rebuilds "target:" + str(asn) + ":" + str(target). */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "target:0064513:010|target:64513:10", "target:64512:1000|target:64512:1000",
			"target:64514L:5|target:64514:5", "target:64514l:+5|target:64514:5", "target:10.0.0.1:007|target:10.0.0.1:7",
			"target:64512: 3|target:64512:3", "target:abc|target:abc", "route:64512:1|route:64512:1",
			"target:64512:x|target:64512:x" })
	void normalizesRouteTargetsAsTheServerStoresThem(String written, String stored) {
		assertThat(TfValues.routeTarget(written)).isEqualTo(stored);
	}

	@ParameterizedTest
	@CsvSource({ "10.1.0.7/24, 10.1.0.0/24", "10.32.0.0/12, 10.32.0.0/12", "FD00:10:0::/64, fd00:10::/64",
			"not-a-cidr, not-a-cidr" })
	void normalizesSubnetsToTheirNetwork(String written, String stored) {
		assertThat(TfValues.cidr(written)).isEqualTo(stored);
	}

}
