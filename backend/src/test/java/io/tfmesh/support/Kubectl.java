package io.tfmesh.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The real {@code kubectl} (Debian's kubernetes-client package) pointed at one Kubernetes API,
 * to show what an admin would see. Skipped where it is not installed, except under CI.
 */
public final class Kubectl {

	public static final Path KUBECTL = Path.of(System.getProperty("tfmesh.kubectl", "/usr/bin/kubectl"));

	private final Path dir;

	private Kubectl(Path dir) {
		this.dir = dir;
	}

	public static Kubectl against(String serverUrl) {
		require(System.getenv("CI"), Files.isExecutable(KUBECTL));
		try {
			Path dir = Files.createTempDirectory("kubectl-");
			Files.writeString(dir.resolve("kubeconfig"), """
					apiVersion: v1
					kind: Config
					clusters:
					- name: target
					  cluster:
					    server: %s
					users:
					- name: admin
					  user:
					    token: any
					contexts:
					- name: target
					  context:
					    cluster: target
					    user: admin
					current-context: target
					""".formatted(serverUrl));
			return new Kubectl(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void require(@Nullable String ci, boolean installed) {
		String missing = "kubectl (Debian's kubernetes-client package) at " + KUBECTL;
		if (ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci)) {
			assertThat(installed).as(missing + ", required when CI is set").isTrue();
		}
		assumeThat(installed).as(missing).isTrue();
	}

	/** Runs kubectl and answers its standard output; fails the test when kubectl fails. */
	public String run(String... arguments) {
		List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig",
				dir.resolve("kubeconfig").toString(), "--cache-dir", dir.resolve("cache").toString(),
				"--request-timeout", "20s"));
		command.addAll(List.of(arguments));
		try {
			Path output = dir.resolve("out");
			Path error = dir.resolve("err");
			Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
				.redirectError(error.toFile())
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("kubectl did not finish within a minute: " + command);
			}
			String err = Files.readString(error, StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as(command + ": " + err).isZero();
			return Files.readString(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted while kubectl ran", ex);
		}
	}

}
