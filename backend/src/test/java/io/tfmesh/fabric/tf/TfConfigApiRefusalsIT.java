package io.tfmesh.fabric.tf;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.emulator.tf.TfConfigApiEmulator.BgpRouterSeed;
import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.fabric.tf.VirtualNetwork.IpamRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * tfmesh's client against the emulator with the contrail-api refusals of the emulators'
 * {@code config-api-refusals.json} (each citing the upstream file and function): a refused
 * write surfaces as a {@link FabricException} naming the object and the server's reason. And
 * what the server normalizes reads back as no difference.
 */
class TfConfigApiRefusalsIT {

	private static final String FIXTURES = "/io/tfmesh/emulator/tf/config-api-refusals.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<Integer, Kind> KINDS = Map.of(400, Kind.BAD_REQUEST, 404, Kind.NOT_FOUND, 409,
			Kind.CONFLICT);

	@TempDir
	Path directory;

	private TfConfigApiEmulator emulator;

	private TfConfigApi api;

	@BeforeEach
	void start() {
		emulator = TfConfigApiEmulator.start("127.0.0.1", 0, directory.resolve("tf.json"), JSON);
		emulator.provisionControl(64512, List.of(new BgpRouterSeed("contract-control", "127.0.0.1")));
		api = new TfConfigApiClient(new ClusterAccess.TungstenFabric(emulator.url(), null), FabricSettings.defaults(),
				JSON, Clock.systemUTC());
	}

	@AfterEach
	void stop() {
		emulator.close();
	}

	static Stream<Arguments> refusals() throws IOException {
		try (InputStream in = TfConfigApiRefusalsIT.class.getResourceAsStream(FIXTURES)) {
			List<Arguments> cases = new ArrayList<>();
			for (JsonNode fixture : JSON.readTree(in).path("cases")) {
				if (fixture.path("client").asBoolean()) {
					cases.add(Arguments.of(Named.of(fixture.path("name").asString() + " ("
							+ fixture.path("upstream").asString() + ")", fixture)));
				}
			}
			return cases.stream();
		}
	}

	@ParameterizedTest
	@MethodSource("refusals")
	void aRefusedWriteNamesTheObjectAndTheServersReason(JsonNode fixture) throws Exception {
		for (JsonNode setup : fixture.path("setup")) {
			send(setup.path("method").asString(), setup.path("path").asString(), setup.path("body").toString());
		}
		JsonNode request = fixture.path("request");
		String type = request.has("type") ? request.path("type").asString()
				: request.path("body").properties().iterator().next().getKey();
		ObjectNode fields = (ObjectNode) request.path("body").path(type);
		TfObject object;
		Runnable write;
		if (request.path("method").asString().equals("POST")) {
			ObjectNode created = fields.deepCopy();
			created.put("uuid", UUID.randomUUID().toString());
			object = TfReader.read(type, created);
			write = () -> api.create(object);
		}
		else {
			String uuid = api.fqNameToId(type, TfJson.strings(request.path("fq_name")));
			ObjectNode stored = (ObjectNode) JSON.readTree(send("GET", "/" + type + "/" + uuid, null)).path(type);
			stored.setAll(fields);
			object = TfReader.read(type, stored);
			write = () -> api.update(object);
		}
		int status = fixture.path("status").asInt();

		assertThatThrownBy(write::run).isInstanceOfSatisfying(FabricException.class, ex -> {
			assertThat(ex.kind()).isEqualTo(KINDS.get(status));
			assertThat(ex.status()).isEqualTo(status);
			assertThat(ex.getMessage()).startsWith("refused ")
				.contains(type + " " + String.join(":", object.fqName()))
				.contains("with " + status + ": " + fixture.path("message").asString().strip());
		});
	}

	/** api_server.py: a network an instance-ip refers to is still referred, 409. */
	@Test
	void aRefusedDeleteNamesTheObjectAndTheServersReason() throws Exception {
		List<String> ipam = List.of("default-domain", "default-project", "held-ipam");
		api.create(new NetworkIpam(null, ipam, "flat-subnet", List.of("10.9.0.0/24")));
		List<String> network = List.of("default-domain", "default-project", "held");
		String uuid = api.create(new VirtualNetwork(null, network, List.of(new IpamRef(ipam, List.of())), List.of(),
				List.of(), List.of(), List.of(), "flat-subnet-only", null));
		String held = JSON.readTree(send("POST", "/instance-ips", "{\"instance-ip\": {\"fq_name\": [\"pod-0\"],"
				+ " \"virtual_network_refs\": [{\"to\": " + JSON.writeValueAsString(network) + "}]}}"))
			.path("instance-ip")
			.path("uuid")
			.asString();

		assertThatThrownBy(() -> api.delete(VirtualNetwork.TYPE, uuid))
			.isInstanceOfSatisfying(FabricException.class, ex -> {
				assertThat(ex.kind()).isEqualTo(Kind.CONFLICT);
				assertThat(ex.getMessage()).startsWith("refused deleting virtual-network " + uuid + ": ")
					.endsWith("with 409: Delete when resource still referred: ['" + emulator.url() + "/instance-ip/"
							+ held + "']");
			});
	}

	@Test
	void aRouteTargetWrittenInAnotherSpellingReadsBackAsNoDifference() throws Exception {
		List<String> name = List.of("default-domain", "default-project", "spelled");
		VirtualNetwork wanted = new VirtualNetwork(null, name, List.of(), List.of("target:0064513:010"),
				List.of("target:64514L:5"), List.of("target:10.0.0.1:007"), List.of(), null, null);
		String uuid = api.create(wanted);
		assertThat(api.read(VirtualNetwork.class, uuid).routeTargets()).containsExactly("target:64513:10");

		JsonNode stored = JSON.readTree(send("GET", "/virtual-network/" + uuid, null)).path("virtual-network");
		VirtualNetwork same = new VirtualNetwork(uuid, name, List.of(), wanted.routeTargets(),
				wanted.importRouteTargets(), wanted.exportRouteTargets(), List.of(), null, null);
		assertThat(TfWriter.updateBody(same, stored).path("virtual-network").propertyNames())
			.containsExactly("fq_name");
	}

	@Test
	void aSubnetWithHostBitsReadsBackAsItsNetwork() throws Exception {
		List<String> ipamName = List.of("default-domain", "default-project", "user-ipam");
		api.create(new NetworkIpam(null, ipamName, "user-defined-subnet", List.of()));
		List<String> name = List.of("default-domain", "default-project", "hosts");
		String uuid = api.create(new VirtualNetwork(null, name, List.of(new IpamRef(ipamName, List.of("10.1.0.0/24"))),
				List.of(), List.of(), List.of(), List.of(), null, null));
		JsonNode stored = JSON.readTree(send("GET", "/virtual-network/" + uuid, null)).path("virtual-network");
		VirtualNetwork withHostBits = new VirtualNetwork(uuid, name,
				List.of(new IpamRef(ipamName, List.of("10.1.0.7/24"))), List.of(), List.of(), List.of(), List.of(),
				null, null);
		assertThat(TfWriter.updateBody(withHostBits, stored).path("virtual-network").propertyNames())
			.containsExactly("fq_name");
	}

	private String send(String method, String path, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.url() + path))
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
		return response.body();
	}

}
