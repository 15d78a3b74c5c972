package dev.taskledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.taskledger.table.Condition;
import dev.taskledger.table.Key;
import dev.taskledger.table.Page;
import dev.taskledger.table.Query;
import dev.taskledger.table.SortKeyRange;
import dev.taskledger.table.Table;
import dev.taskledger.table.WriteOp;

/**
 * The dependency rules of the design, over the main classes of every module (tests may do as they need): a leak
 * fails the build. Deliberately not asserted here: what Maven's module graph already forbids (a module cannot import
 * one it does not depend on), beyond the rules that name a package a module could reach.
 */
@AnalyzeClasses(packages = "dev.taskledger", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {
    @ArchTest
    static final ArchRule the_command_domain_depends_on_the_event_contract_vavr_and_the_jdk_only = classes()
            .that()
            .resideInAPackage("dev.taskledger.command.domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.taskledger.command.domain..", "dev.taskledger.events..", "io.vavr..", "java..")
            .because("deciding is pure: request parsing, JSON and storage live at the edges");

    @ArchTest
    static final ArchRule only_the_local_runtime_and_benchmarks_use_the_embedded_store = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "dev.taskledger.local..", "dev.taskledger.bench..", "dev.taskledger.table.sqlite..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.taskledger.table.sqlite..")
            .because("everything else is written against the table port and runs on DynamoDB in AWS");

    @ArchTest
    static final ArchRule the_table_adapters_never_depend_on_each_other = noClasses()
            .that()
            .resideInAPackage("dev.taskledger.table.sqlite..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.taskledger.table.dynamodb..")
            .andShould()
            .dependOnClassesThat()
            .resideInAPackage("dev.taskledger.local..");

    @ArchTest
    static final ArchRule the_cdk_app_never_uses_the_local_runtime = noClasses()
            .that()
            .resideInAPackage("dev.taskledger.cdk..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.taskledger.local..", "dev.taskledger.table.sqlite..");

    @ArchTest
    static final ArchRule query_handlers_never_touch_the_raw_table_api = noClasses()
            .that()
            .resideInAPackage("dev.taskledger.query")
            .and()
            .haveSimpleNameEndingWith("Handler")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(
                    Table.class, Query.class, Page.class, SortKeyRange.class, Key.class, WriteOp.class, Condition.class)
            .because("readers own the read model's layout and paging (dev.taskledger.query.read)");

    @ArchTest
    static final ArchRule the_query_side_never_depends_on_the_projection_runtime = noClasses()
            .that()
            .resideInAPackage("dev.taskledger.query..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.taskledger.projector.runtime..")
            .because("queries read projections through ProjectionReader; the runtime that writes them is not theirs");

    @ArchTest
    static final ArchRule the_pure_core_never_does_io = noClasses()
            .that()
            .resideInAnyPackage("dev.taskledger.command.domain..", "dev.taskledger.events..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.taskledger.table..",
                    "dev.taskledger.ledger..",
                    "java.net..",
                    "java.sql..",
                    "software.amazon..");
}
