package io.tfmesh.mesh.planner;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.tfmesh.net.Cidr;
import io.tfmesh.support.PropertyTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any sequence of allocations and releases keeps the space disjoint, stays inside the pools,
 * hands out the lowest free block, and repeats itself exactly; the other answers agree with a
 * brute-force count. Fixed seeds make every run check the same 10,000 cases.
 */
@AddLifecycleHook(value = PropertyTries.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class AddressSpacePropertiesTest {

	/**
	 * Regions that pools and reservations are drawn from: small enough for blocks to collide, and
	 * placed at both ends of each family and across the middle of an IPv6 address, where carries
	 * between the halves of a 128-bit number happen.
	 */
	private static final List<Cidr> REGIONS = List.of(Cidr.parse("10.0.0.0/16"), Cidr.parse("0.0.0.0/18"),
			Cidr.parse("255.255.0.0/16"), Cidr.parse("fd00::/40"), Cidr.parse("2001:db8::/60"),
			Cidr.parse("::/112"), Cidr.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:0/112"));

	/** Regions of large pools, whose free space can only be worked out range by range. */
	private static final List<Cidr> LARGE_REGIONS = List.of(Cidr.parse("::/0"), Cidr.parse("fd00::/8"),
			Cidr.parse("2001:db8::/32"), Cidr.parse("0.0.0.0/0"), Cidr.parse("100.64.0.0/10"));

	/** Where the pools of the brute-force comparisons lie, with taken CIDRs around, inside and over them. */
	private static final Cidr SMALL_POOLS = Cidr.parse("10.0.0.0/18");

	sealed interface Step permits Allocate, Release {

	}

	record Allocate(Cidr pool, int prefixLength) implements Step {

	}

	/** Releases the {@code pick}-th taken CIDR (modulo their number), reservations included. */
	record Release(int pick) implements Step {

	}

	record Scenario(List<Cidr> reserved, List<Step> steps) {

	}

	record Taken(List<Cidr> cidrs, Cidr pool, int prefixLength) {

	}

	@Property(tries = 3000, seed = "20240601")
	void anySequenceOfAllocationsAndReleasesStaysDisjointInsideItsPoolsAndRepeats(
			@ForAll("scenarios") Scenario scenario) {
		List<String> answers = play(scenario);
		assertThat(play(scenario)).as("the same steps on a fresh space").isEqualTo(answers);
		Statistics.label("family").collect(scenario.steps().stream()
			.filter(Allocate.class::isInstance)
			.map(step -> ((Allocate) step).pool().isIpv4() ? "IPv4" : "IPv6")
			.findFirst()
			.orElse("releases only"));
		Statistics.label("a pool ran out").collect(answers.contains("none"));
		Statistics.label("released").collect(answers.stream().anyMatch(answer -> answer.startsWith("-")));
	}

	@Property(tries = 2500, seed = "20240602")
	void lowestFreeIsTheFirstFreeBlockOfAScanOfThePool(@ForAll("smallPools") Taken state) {
		AddressSpace space = AddressSpace.of(state.cidrs());
		Optional<Cidr> lowest = space.lowestFree(state.pool(), state.prefixLength());
		assertThat(lowest).isEqualTo(BruteForce.lowestFree(state.cidrs(), state.pool(), state.prefixLength()));
		Statistics.label("found")
			.collect(lowest.isEmpty() ? "none"
					: lowest.get().network().equals(state.pool().network()) ? "at the pool's start" : "further in");
	}

	@Property(tries = 2500, seed = "20240603")
	void largestFreeFreeBlocksAndFreeAddressesAgreeWithCountingAddressByAddress(
			@ForAll("smallPools") Taken state) {
		AddressSpace space = AddressSpace.of(state.cidrs());
		Cidr pool = state.pool();
		assertThat(space.largestFree(pool)).isEqualTo(BruteForce.largestFree(state.cidrs(), pool));
		assertThat(space.freeBlocks(pool)).isEqualTo(BruteForce.freeBlocks(state.cidrs(), pool));
		assertThat(space.freeAddresses(pool)).isEqualTo(BruteForce.freeAddresses(state.cidrs(), pool))
			.isEqualTo(pool.size().subtract(takenInside(state.cidrs(), pool)));
		assertThat(space.freeBlocks(pool).stream().map(Cidr::size).reduce(BigInteger.ZERO, BigInteger::add))
			.isEqualTo(space.freeAddresses(pool));
	}

	@Property(tries = 2000, seed = "20240604")
	void answersForLargePoolsOfBothFamiliesAgreeWithFreeRangesWorkedOutWithBigIntegers(
			@ForAll("largePools") Taken state) {
		AddressSpace space = AddressSpace.of(state.cidrs());
		Cidr pool = state.pool();
		List<Cidr> blocks = BruteForce.freeBlocksOfRanges(state.cidrs(), pool);
		assertThat(space.lowestFree(pool, state.prefixLength()))
			.isEqualTo(BruteForce.lowestFreeOfRanges(state.cidrs(), pool, state.prefixLength()));
		assertThat(space.freeBlocks(pool)).isEqualTo(blocks);
		assertThat(space.largestFree(pool))
			.isEqualTo(blocks.stream().min(Comparator.comparing(Cidr::prefixLength).thenComparing(Cidr::compareTo)));
		assertThat(space.freeAddresses(pool)).isEqualTo(pool.size().subtract(takenInside(state.cidrs(), pool)));
		assertThat(space.overlapping(pool))
			.isEqualTo(state.cidrs().stream().filter(pool::overlaps).sorted().toList());
		assertThat(space.isFree(pool)).isEqualTo(state.cidrs().stream().noneMatch(pool::overlaps));
	}

	/** Plays the steps, checking each answer; returns the answers as text, to compare runs. */
	private static List<String> play(Scenario scenario) {
		AddressSpace space = AddressSpace.of(scenario.reserved());
		List<Cidr> model = new ArrayList<>(scenario.reserved());
		List<String> answers = new ArrayList<>();
		for (Step step : scenario.steps()) {
			if (step instanceof Allocate allocate) {
				Optional<Cidr> block = space.lowestFree(allocate.pool(), allocate.prefixLength());
				assertThat(block).as("lowest free /%d in %s", allocate.prefixLength(), allocate.pool())
					.isEqualTo(BruteForce.lowestFree(model, allocate.pool(), allocate.prefixLength()));
				if (block.isPresent()) {
					Cidr taken = block.get();
					assertThat(allocate.pool().contains(taken.network())).as("%s inside %s", taken, allocate.pool())
						.isTrue();
					assertThat(taken.prefixLength()).isEqualTo(allocate.prefixLength());
					assertThat(space.isFree(taken)).isTrue();
					space.take(taken);
					assertThat(space.taken()).filteredOn(other -> !other.equals(taken))
						.noneMatch(other -> other.overlaps(taken));
					model.add(taken);
				}
				answers.add(block.map(Cidr::toString).orElse("none"));
			}
			else if (step instanceof Release release && !model.isEmpty()) {
				Cidr released = model.remove(Math.floorMod(release.pick(), model.size()));
				assertThat(space.release(released)).isTrue();
				assertThat(space.release(released)).as("released twice").isFalse();
				answers.add("-" + released);
			}
			assertThat(space.taken()).isEqualTo(model.stream().sorted().toList());
		}
		List<Cidr> taken = space.taken();
		for (int i = 0; i < taken.size(); i++) {
			for (int j = i + 1; j < taken.size(); j++) {
				assertThat(taken.get(i).overlaps(taken.get(j))).as("%s and %s", taken.get(i), taken.get(j)).isFalse();
			}
		}
		return answers;
	}

	@Provide
	Arbitrary<Scenario> scenarios() {
		return Arbitraries.of(REGIONS).flatMap(region -> {
			Arbitrary<Integer> poolSizes = Arbitraries.integers()
				.between(region.prefixLength(), region.prefixLength() + 10);
			Arbitrary<Integer> reservationSizes = Arbitraries.integers()
				.between(region.prefixLength() + 1, BruteForce.bits(region));
			Arbitrary<Step> allocations = Combinators.combine(cidrsIn(region, poolSizes),
						Arbitraries.integers().between(0, 8))
				.as((pool, extra) -> new Allocate(pool, Math.min(pool.prefixLength() + extra, BruteForce.bits(pool))));
			Arbitrary<Step> releases = Arbitraries.integers().between(0, 1000).map(Release::new);
			Arbitrary<Step> steps = Arbitraries.frequencyOf(
					Tuple.of(3, allocations), Tuple.of(1, releases));
			return Combinators
				.combine(cidrsIn(region, reservationSizes).list().ofMaxSize(6),
						steps.list().ofMinSize(1).ofMaxSize(60))
				.as((reserved, list) -> new Scenario(disjoint(reserved), list));
		});
	}

	@Provide
	Arbitrary<Taken> smallPools() {
		// now and then a CIDR as large as the pool or larger, which then covers all or most of it
		Arbitrary<Integer> mostlySmall = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers().between(17, 21)),
				Tuple.of(6, Arbitraries.integers().between(22, 30)));
		return cidrsIn(SMALL_POOLS, Arbitraries.just(20)).flatMap(pool -> Combinators
			.combine(cidrsIn(SMALL_POOLS, mostlySmall).list().ofMaxSize(10),
					cidrsIn(pool, Arbitraries.integers().between(21, 30)).list().ofMaxSize(25),
					Arbitraries.integers().between(22, 28))
			.as((around, inside, prefixLength) -> {
				List<Cidr> taken = new ArrayList<>(around);
				taken.addAll(inside);
				return new Taken(disjoint(taken), pool, prefixLength);
			}));
	}

	@Provide
	Arbitrary<Taken> largePools() {
		return Arbitraries.of(LARGE_REGIONS).flatMap(region -> {
			int bits = BruteForce.bits(region);
			Arbitrary<Integer> anySize = Arbitraries.integers().between(region.prefixLength(), bits);
			Arbitrary<Cidr> pools = cidrsIn(region,
					Arbitraries.integers().between(region.prefixLength(), Math.min(bits, region.prefixLength() + 12)));
			return Combinators.combine(cidrsIn(region, anySize).list().ofMaxSize(20), pools, anySize)
				.as((taken, pool, prefixLength) -> new Taken(disjoint(taken), pool, prefixLength));
		});
	}

	/** CIDRs with a prefix length in the range, anywhere in the region; short prefixes may reach beyond it. */
	private static Arbitrary<Cidr> cidrsIn(Cidr region, Arbitrary<Integer> prefixLengths) {
		int bits = BruteForce.bits(region);
		BigInteger first = BruteForce.number(region.network());
		return Combinators
			.combine(prefixLengths.map(prefixLength -> Math.min(prefixLength, bits)),
					Arbitraries.bigIntegers()
						.between(BigInteger.ZERO, region.size().subtract(BigInteger.ONE))
						.withDistribution(RandomDistribution.uniform()))
			.as((prefixLength, offset) -> {
				BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE);
				BigInteger network = first.add(offset).andNot(hostMask);
				return new Cidr(BruteForce.address(network, bits), prefixLength);
			});
	}

	/** The CIDRs in order, leaving out each that overlaps one kept before it. */
	private static List<Cidr> disjoint(List<Cidr> cidrs) {
		List<Cidr> kept = new ArrayList<>();
		for (Cidr cidr : cidrs) {
			if (kept.stream().noneMatch(cidr::overlaps)) {
				kept.add(cidr);
			}
		}
		return kept;
	}

	private static BigInteger takenInside(List<Cidr> taken, Cidr pool) {
		BigInteger[] bounds = BruteForce.range(pool);
		BigInteger total = BigInteger.ZERO;
		for (Cidr cidr : taken) {
			BigInteger[] range = BruteForce.range(cidr);
			BigInteger from = range[0].max(bounds[0]);
			BigInteger to = range[1].min(bounds[1]);
			if (from.compareTo(to) <= 0) {
				total = total.add(to.subtract(from)).add(BigInteger.ONE);
			}
		}
		return total;
	}

}
