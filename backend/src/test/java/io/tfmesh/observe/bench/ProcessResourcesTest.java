package io.tfmesh.observe.bench;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessResourcesTest {

	@Test
	void groupsThreadsByTheirNamesWithoutNumbers() {
		ProcessResources resources = ProcessResources.of(120, List.of("HttpClient-17-SelectorManager",
				"HttpClient-3-SelectorManager", "observe-1", "observe-2", "observe-3", "main"));

		assertThat(resources.threads()).isEqualTo(6);
		assertThat(resources.threadPools()).isEqualTo(
				Map.of("HttpClient-#-SelectorManager", 2, "observe-#", 3, "main", 1));
		assertThat(resources.pools(2)).isEqualTo("3 observe-#, 2 HttpClient-#-SelectorManager");
	}

	@Test
	void aPeakKeepsTheLargerOfEachFigure() {
		ProcessResources few = ProcessResources.of(500, List.of("a-1"));
		ProcessResources many = ProcessResources.of(100, List.of("b-1", "b-2"));

		ProcessResources peak = few.max(many);

		assertThat(peak.fileDescriptors()).isEqualTo(500);
		assertThat(peak.threads()).isEqualTo(2);
		assertThat(peak.threadPools()).containsOnlyKeys("b-#");
		assertThat(few.max(few)).isSameAs(few);
	}

	@Test
	void countsThisProcesssOpenDescriptors() {
		ProcessResources now = ProcessResources.now();

		assertThat(now.fileDescriptors()).isPositive();
		assertThat(now.threadPools()).containsKey("main");
	}

}
