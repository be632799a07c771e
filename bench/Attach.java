import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a JVMTI agent into a running JVM with an option string (async-profiler's
 * {@code start,event=cpu,...}). {@code jcmd PID JVMTI.agent_load} cannot pass such options: its
 * argument parser takes {@code event=cpu} for a named argument of its own.
 *
 * <pre>java bench/Attach.java PID /path/libasyncProfiler.so start,event=cpu,interval=200us</pre>
 */
public class Attach {
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: java bench/Attach.java PID AGENT_PATH OPTIONS");
      System.exit(2);
    }
    VirtualMachine vm = VirtualMachine.attach(args[0]);
    try {
      vm.loadAgentPath(args[1], args[2]);
    } finally {
      vm.detach();
    }
  }
}
