import com.sun.management.OperatingSystemMXBean;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.http.Contract;
import java.lang.management.ManagementFactory;

/**
 * One cold {@code Contract.load(stage)} in this JVM (bench/contract-load.sh runs one JVM per
 * sample): the call's wall time, the process CPU during it and until 1 s after (the JIT's work on
 * the parser lands there), the JIT's compile time over the same span, the heap it leaves behind.
 */
public class ContractLoad {
  public static void main(String[] args) throws Exception {
    Stage stage = Stage.valueOf(args[0]);
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var jit = ManagementFactory.getCompilationMXBean();
    Thread.sleep(500); // the JVM's own start settles
    long cpu0 = os.getProcessCpuTime(), jit0 = jit.getTotalCompilationTime(), t0 = System.nanoTime();
    Contract contract = Contract.load(stage);
    long t1 = System.nanoTime(), cpu1 = os.getProcessCpuTime(), jit1 = jit.getTotalCompilationTime();
    Thread.sleep(1000);
    long cpu2 = os.getProcessCpuTime(), jit2 = jit.getTotalCompilationTime();
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    System.out.printf("load %d ms cpu %d ms cpu+1s %d ms jit %d ms jit+1s %d ms ops %d heap %d kB%n",
        (t1 - t0) / 1_000_000, (cpu1 - cpu0) / 1_000_000, (cpu2 - cpu0) / 1_000_000, jit1 - jit0, jit2 - jit0,
        contract.operations().size(), used / 1024);
  }
}
