package io.tfmesh.emulator.kubernetes;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases of {@code staging/src/k8s.io/apimachinery/pkg/util/duration/duration_test.go} ({@code TestHumanDuration}). */
class HumanDurationTest {

	@ParameterizedTest
	@CsvSource({ "-2, <invalid>", "-1, 0s", "0, 0s", "1, 1s", "119, 119s", "120, 2m", "121, 2m1s", "599, 9m59s",
			"600, 10m", "10799, 179m", "10800, 3h", "10860, 3h1m", "28799, 7h59m", "28800, 8h", "172799, 47h",
			"172800, 2d", "176400, 2d1h", "691199, 7d23h", "691200, 8d", "63071999, 729d", "63072000, 2y",
			"94608000, 3y", "94694400, 3y1d", "252287999, 7y364d", "252288000, 8y" })
	void printsAgesAsTheApiServer(long seconds, String printed) {
		assertThat(HumanDuration.of(Duration.ofSeconds(seconds))).isEqualTo(printed);
	}

}
