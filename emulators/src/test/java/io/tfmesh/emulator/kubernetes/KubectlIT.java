package io.tfmesh.emulator.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The real {@code kubectl} (Debian's 1.20 in CI, newer ones elsewhere) reads an emulated
 * cluster as it reads a real one: discovery, then server-side printed tables.
 */
class KubectlIT {

	static final Path KUBECTL = Path.of(System.getProperty("tfmesh.kubectl", "/usr/bin/kubectl"));

	@TempDir
	Path dir;

	private EmulatedKubernetes kubernetes;

	@BeforeEach
	void start() {
		requireKubectl(System.getenv("CI"), Files.isExecutable(KUBECTL));
		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, dir.resolve("state"));
		kubernetes.seed(Seeds.awsEast());
	}

	@AfterEach
	void stop() {
		if (kubernetes != null) {
			kubernetes.close();
		}
	}

	@Test
	void getPodsAndConfigMapsPrintsTheirColumns() throws Exception {
		List<String> lines = kubectl("get", "pods,cm", "-n", "kube-system");

		String podHeader = lines.stream().filter(line -> line.startsWith("NAME ") && line.contains("READY"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no pod table in " + lines));
		assertThat(podHeader.split("\\s+")).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE");
		String[] kubeManager = lines.stream().filter(line -> line.startsWith("pod/contrail-kube-manager-"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no kube-manager pod in " + lines))
			.split("\\s+");
		assertThat(kubeManager[1]).matches("(\\d+)/\\1");
		assertThat(List.of(kubeManager[2], kubeManager[3])).containsExactly("Running", "0");
		assertThat(kubeManager[4]).matches("\\d+s");
		String configMapHeader = lines.stream().filter(line -> line.startsWith("NAME ") && line.contains("DATA"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no ConfigMap table in " + lines));
		assertThat(configMapHeader.split("\\s+")).containsExactly("NAME", "DATA", "AGE");
		assertThat(lines).anySatisfy(line -> assertThat(line.split("\\s+")).hasSize(3)
			.startsWith("configmap/kube-manager-config", "3"));
	}

	@Test
	void wideShowsThePriorityColumns() throws Exception {
		List<String> lines = kubectl("get", "pods", "-n", "kube-system", "-o", "wide");

		assertThat(lines.get(0).split("\\s{2,}")).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP",
				"NODE", "NOMINATED NODE", "READINESS GATES");
	}

	@Test
	void aMissingObjectIsReportedInKubernetesWords() throws Exception {
		Result result = run("get", "configmap", "no-such-map", "-n", "kube-system");

		assertThat(result.exit()).isNotZero();
		assertThat(result.error()).contains("configmaps \"no-such-map\" not found");
	}

	static void requireKubectl(@Nullable String ci, boolean installed) {
		String missing = "kubectl (Debian's kubernetes-client package) at " + KUBECTL;
		if (ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci)) {
			assertThat(installed).as(missing + ", required when CI is set").isTrue();
		}
		assumeThat(installed).as(missing).isTrue();
	}

	private List<String> kubectl(String... arguments) throws Exception {
		Result result = run(arguments);
		assertThat(result.exit()).as(result.error()).isZero();
		return result.output().lines().filter(line -> !line.isBlank()).toList();
	}

	private Result run(String... arguments) throws IOException, InterruptedException {
		Path kubeconfig = dir.resolve("kubeconfig");
		Files.writeString(kubeconfig, """
				apiVersion: v1
				kind: Config
				clusters:
				- name: emulated
				  cluster:
				    server: %s
				users:
				- name: admin
				  user:
				    token: emulated
				contexts:
				- name: emulated
				  context:
				    cluster: emulated
				    user: admin
				current-context: emulated
				""".formatted(kubernetes.url()));
		List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString(),
				"--cache-dir", dir.resolve("cache").toString(), "--request-timeout", "20s"));
		command.addAll(List.of(arguments));
		Path output = dir.resolve("out");
		Path error = dir.resolve("err");
		Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
			.redirectError(error.toFile())
			.start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("kubectl did not finish within a minute: " + command);
		}
		return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
				Files.readString(error, StandardCharsets.UTF_8));
	}

	private record Result(int exit, String output, String error) {

	}

}
