package io.tfmesh.system.web;

import java.util.Map;

import io.tfmesh.system.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListSortTest {

	private static final Map<String, String> COLUMNS = ListSort.columns("name", "name", "cloud", "cloud.name");

	@Test
	void noSortIsTheFirstColumnAscending() {
		ListSort sort = ListSort.of(null, COLUMNS);
		assertThat(sort.parameter()).isEqualTo("name");
		assertThat(ListSort.of("  ", COLUMNS).parameter()).isEqualTo("name");
		assertThat(sort.sort()).isEqualTo(Sort.by(Sort.Order.asc("name"), Sort.Order.asc("id")));
	}

	@Test
	void aLeadingMinusSortsDescendingByTheColumnsPropertyWithTheIdBreakingTies() {
		ListSort sort = ListSort.of("-cloud", COLUMNS);
		assertThat(sort.column()).isEqualTo("cloud");
		assertThat(sort.descending()).isTrue();
		assertThat(sort.sort()).isEqualTo(Sort.by(Sort.Order.desc("cloud.name"), Sort.Order.desc("id")));
	}

	@Test
	void anSqlOrderNamesTheColumnsPropertyAndTheIdInTheSameDirection() {
		assertThat(ListSort.of("-cloud", COLUMNS).orderBy()).isEqualTo("cloud.name DESC, id DESC");
		assertThat(ListSort.of(null, COLUMNS).orderBy()).isEqualTo("name ASC, id ASC");
	}

	@Test
	void anEndpointRefusesAColumnThatIsNotSortable() {
		assertThatThrownBy(() -> ListSort.of("password", COLUMNS)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("sort")
			.hasMessageContaining("name, cloud");
		assertThatThrownBy(() -> ListSort.of("-", COLUMNS)).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> ListSort.of("--name", COLUMNS)).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> ListSort.of("cloud.name", COLUMNS)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void aPageFallsBackToTheDefaultAndKeepsWhatItIgnored() {
		ListSort sort = ListSort.orDefault("-password", COLUMNS);
		assertThat(sort.parameter()).isEqualTo("name");
		assertThat(sort.ignored()).isEqualTo("-password");
		assertThat(ListSort.orDefault("-name", COLUMNS).ignored()).isNull();
	}

	@Test
	void aHeaderTogglesItsOwnColumnAndStartsAnyOtherAscending() {
		ListSort byName = ListSort.of("name", COLUMNS);
		assertThat(byName.toggled("name")).isEqualTo("-name");
		assertThat(byName.toggled("cloud")).isEqualTo("cloud");
		assertThat(ListSort.of("-name", COLUMNS).toggled("name")).isEqualTo("name");
	}

	@Test
	void onlyTheSortedHeaderCarriesAriaSort() {
		assertThat(ListSort.of("name", COLUMNS).aria("name")).isEqualTo("ascending");
		assertThat(ListSort.of("-name", COLUMNS).aria("name")).isEqualTo("descending");
		assertThat(ListSort.of("-name", COLUMNS).aria("cloud")).isNull();
	}

	@Test
	void aListCanDefaultToAColumnDescendingAndFallsBackToIt() {
		Map<String, String> columns = ListSort.columns("author", "author", "time", "at");
		ListSort newestFirst = ListSort.of(null, columns, "-time");
		assertThat(newestFirst.orderBy()).isEqualTo("at DESC, id DESC");
		assertThat(newestFirst.aria("time")).isEqualTo("descending");
		assertThat(newestFirst.toggled("time")).isEqualTo("time");
		assertThat(ListSort.of("time", columns, "-time").orderBy()).isEqualTo("at ASC, id ASC");
		ListSort ignored = ListSort.orDefault("password", columns, "-time");
		assertThat(ignored.parameter()).isEqualTo("-time");
		assertThat(ignored.ignored()).isEqualTo("password");
		assertThatThrownBy(() -> ListSort.of("password", columns, "-time")).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> ListSort.of(null, columns, "-password")).isInstanceOf(IllegalArgumentException.class);
	}

}
