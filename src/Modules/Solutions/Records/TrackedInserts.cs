using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PartnerPortal.Data;
using SQLitePCL;

namespace PartnerPortal.Solutions.Records;

/// <summary>
/// Writes new rows with prepared multi-row INSERTs in the caller's transaction: the rows
/// <see cref="RecordStore"/> hands to <see cref="Add"/>, and what the context tracks as added.
/// <see cref="RecordStore"/> still decides every row a record needs (values, index rows, tokens,
/// counter, rule runs); only the change tracker and SaveChanges' per-row bookkeeping are skipped,
/// which is what makes 100,000 records take seconds rather than minutes. Tenant ids are stamped from
/// the context's tenant, as SaveChanges does; a row of another tenant fails. Index rows are written
/// in the order of their index (<see cref="IndexOrder"/>), and on SQLite through statements bound by
/// position (<see cref="SqliteInsert"/>).
/// </summary>
public sealed class TrackedInserts(PortalDbContext db, DbTransaction transaction) : IAsyncDisposable
{
    /// <summary>
    /// Rows per statement where <see cref="SqliteInsert"/> is not used (PostgreSQL, SQL Server): fewer
    /// round trips to a database server. Kept small because ADO.NET providers may look each named
    /// parameter up at every execution (Microsoft.Data.Sqlite does, by a linear search: 1, 20 and 100
    /// rows measured within noise there); SQL Server allows 2,100 parameters a statement.
    /// </summary>
    private const int RowsPerStatement = 20;
    private const int MaxParameters = 2_000;

    private readonly Dictionary<Type, Insert> _inserts = [];

    /// <summary>Queues a new row; nothing is written before <see cref="FlushAsync"/>.</summary>
    public void Add(object entity)
    {
        if (!_inserts.TryGetValue(entity.GetType(), out var insert))
        {
            var type = db.Model.FindEntityType(entity.GetType()) ?? throw new InvalidOperationException($"{entity.GetType().Name} is not an entity of the portal's model.");
            insert = new Insert(db, transaction, type, IndexOrder(entity.GetType()));
            _inserts[entity.GetType()] = insert;
        }

        insert.Pending.Add(entity);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var tenant = db.CurrentTenantId ?? throw new InvalidOperationException("Records are written inside an organization's tenant context.");
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) Add(entry.Entity);
        db.ChangeTracker.Clear();

        // Records first: their index rows refer to them.
        foreach (var insert in _inserts.Values.OrderBy(i => i.Type.ClrType == typeof(SolutionRecord) ? 0 : 1))
        {
            await insert.WriteAsync(tenant, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var insert in _inserts.Values) await insert.DisposeAsync();
    }

    /// <summary>
    /// A chunk's index rows sorted by the key of their largest index: consecutive inserts then land on
    /// the same B-tree pages instead of all over the index (fewer page reads and spills on SQLite).
    /// The record id breaks ties so the order does not depend on the sort's stability.
    /// </summary>
    private static Comparison<object>? IndexOrder(Type type)
    {
        // Tenant, solution and table lead both indexes but are the same for every row of an import.
        if (type == typeof(RecordValue)) return (a, b) => CompareValues((RecordValue)a, (RecordValue)b);
        if (type == typeof(RecordToken)) return (a, b) => CompareTokens((RecordToken)a, (RecordToken)b);
        return null;

        static int CompareValues(RecordValue a, RecordValue b)
        {
            var order = string.CompareOrdinal(a.FieldKey, b.FieldKey);
            if (order == 0) order = string.CompareOrdinal(a.SortKey, b.SortKey);
            return order != 0 ? order : a.RecordId.CompareTo(b.RecordId);
        }

        static int CompareTokens(RecordToken a, RecordToken b)
        {
            var order = string.CompareOrdinal(a.Token, b.Token);
            return order != 0 ? order : a.RecordId.CompareTo(b.RecordId);
        }
    }

    /// <summary>The INSERTs of one entity type, with the columns of the EF model; keys the database generates are left to it.</summary>
    private sealed class Insert : IAsyncDisposable
    {
        private readonly PortalDbContext _db;
        private readonly DbTransaction _transaction;
        private readonly IReadOnlyList<IProperty> _columns;
        private readonly Func<object, object?>[] _values;
        private readonly int _rowsPerStatement;
        private readonly Comparison<object>? _order;
        private readonly SqliteInsert? _sqlite;
        private DbCommand? _batch;
        private DbCommand? _single;

        public Insert(PortalDbContext db, DbTransaction transaction, IEntityType type, Comparison<object>? order)
        {
            _db = db;
            _transaction = transaction;
            _order = order;
            Type = type;
            _columns = type.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long))).ToList();
            _values = _columns.Select(Reader).ToArray();
            _rowsPerStatement = Math.Clamp(MaxParameters / _columns.Count, 1, RowsPerStatement);
            _sqlite = SqliteInsert.TryPrepare(db.Database.GetDbConnection(), InsertSql(1), _columns);
        }

        public IEntityType Type { get; }

        public List<object> Pending { get; } = [];

        public async Task WriteAsync(Guid tenant, CancellationToken cancellationToken)
        {
            foreach (var entity in Pending)
            {
                if (entity is not ITenantOwned owned) continue;
                if (owned.TenantId == Guid.Empty) owned.TenantId = tenant;
                else if (owned.TenantId != tenant) throw new InvalidOperationException("A row of another organization was about to be written.");
            }

            if (_order is not null) Pending.Sort(_order);
            if (_sqlite is not null)
            {
                foreach (var entity in Pending)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    _sqlite.Write(entity, _values);
                }

                Pending.Clear();
                return;
            }

            var done = 0;
            for (; Pending.Count - done >= _rowsPerStatement; done += _rowsPerStatement)
            {
                _batch ??= Prepare(_rowsPerStatement);
                await ExecuteAsync(_batch, done, _rowsPerStatement, cancellationToken);
            }

            for (; done < Pending.Count; done++)
            {
                _single ??= Prepare(1);
                await ExecuteAsync(_single, done, 1, cancellationToken);
            }

            Pending.Clear();
        }

        public async ValueTask DisposeAsync()
        {
            if (_batch is not null) await _batch.DisposeAsync();
            if (_single is not null) await _single.DisposeAsync();
            _sqlite?.Dispose();
        }

        private Task<int> ExecuteAsync(DbCommand command, int first, int rows, CancellationToken cancellationToken)
        {
            var parameters = command.Parameters;
            for (var r = 0; r < rows; r++)
            {
                var entity = Pending[first + r];
                for (var c = 0; c < _values.Length; c++) parameters[r * _values.Length + c].Value = _values[c](entity) ?? DBNull.Value;
            }

            return command.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>A column's value as the provider stores it (a Guid is text on SQLite), read with EF's compiled getter.</summary>
        private static Func<object, object?> Reader(IProperty property)
        {
            var getter = property.GetGetter();
            return property.GetRelationalTypeMapping().Converter is { } converter
                ? entity => converter.ConvertToProvider(getter.GetClrValueUsingContainingEntity(entity))
                : getter.GetClrValueUsingContainingEntity;
        }

        private string InsertSql(int rows)
        {
            var sql = _db.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(Type.GetTableName()!, Type.GetSchema());
            var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", _columns.Select((_, c) => $"@p{(r * _columns.Count) + c}")) + ")");
            return $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES {string.Join(", ", values)}";
        }

        private DbCommand Prepare(int rows)
        {
            var command = _db.Database.GetDbConnection().CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = InsertSql(rows);
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < _columns.Count; c++)
                {
                    command.Parameters.Add(_columns[c].GetRelationalTypeMapping().CreateParameter(command, $"@p{(r * _columns.Count) + c}", null, nullable: true));
                }
            }

            command.Prepare();
            return command;
        }
    }

    /// <summary>
    /// One prepared single-row INSERT on a SQLite connection, bound by position through SQLitePCL in
    /// the connection's open transaction. Microsoft.Data.Sqlite binds every parameter by name at every
    /// execution (a UTF-8 copy of the name and a linear search of the statement's names), which took
    /// about a third of a 100,000-row import. Values are bound exactly as Microsoft.Data.Sqlite binds
    /// them (Guid as upper-case text, DateTime as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, bool as 0/1), so
    /// the rows read back the same; a column of any other type keeps the ADO.NET path.
    /// </summary>
    private sealed class SqliteInsert : IDisposable
    {
        private static readonly HashSet<Type> Bindable = [typeof(string), typeof(Guid), typeof(DateTime), typeof(bool), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(double), typeof(byte[])];

        private readonly sqlite3 _connection;
        private readonly sqlite3_stmt _statement;
        private byte[] _utf8 = new byte[256];

        private SqliteInsert(sqlite3 connection, sqlite3_stmt statement)
        {
            _connection = connection;
            _statement = statement;
        }

        public static SqliteInsert? TryPrepare(DbConnection connection, string sql, IReadOnlyList<IProperty> columns)
        {
            if (connection is not SqliteConnection { Handle: { } handle }) return null;
            foreach (var column in columns)
            {
                var mapping = column.GetRelationalTypeMapping();
                var stored = Nullable.GetUnderlyingType(mapping.Converter?.ProviderClrType ?? mapping.ClrType) ?? mapping.Converter?.ProviderClrType ?? mapping.ClrType;
                if (!Bindable.Contains(stored)) return null;
                // Microsoft.Data.Sqlite writes these as text unless the column asks otherwise (a Guid as a blob, a date as a Julian day).
                if ((stored == typeof(Guid) || stored == typeof(DateTime)) && !string.Equals(mapping.StoreType, "TEXT", StringComparison.OrdinalIgnoreCase)) return null;
            }

            var rc = raw.sqlite3_prepare_v2(handle, sql, out var statement);
            if (rc != raw.SQLITE_OK)
            {
                statement.Dispose();
                SqliteException.ThrowExceptionForRC(rc, handle);
            }

            return new SqliteInsert(handle, statement);
        }

        public void Write(object entity, Func<object, object?>[] values)
        {
            for (var c = 0; c < values.Length; c++) Check(Bind(c + 1, values[c](entity)));
            var rc = raw.sqlite3_step(_statement);
            raw.sqlite3_reset(_statement);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _connection);
        }

        public void Dispose() => _statement.Dispose();

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _connection);
        }

        private int Bind(int index, object? value) => value switch
        {
            null => raw.sqlite3_bind_null(_statement, index),
            string text => BindText(index, text),
            Guid id => BindGuid(index, id),
            DateTime at => BindDate(index, at),
            bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
            int number => raw.sqlite3_bind_int64(_statement, index, number),
            long number => raw.sqlite3_bind_int64(_statement, index, number),
            short number => raw.sqlite3_bind_int64(_statement, index, number),
            byte number => raw.sqlite3_bind_int64(_statement, index, number),
            double number => raw.sqlite3_bind_double(_statement, index, number),
            byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
            _ => throw new InvalidOperationException($"{value.GetType().Name} is not bound by position; TryPrepare should have kept the ADO.NET path."),
        };

        private int BindText(int index, string text)
        {
            // An empty span would reach SQLite as a null pointer, which binds NULL, not ''.
            if (text.Length == 0) return raw.sqlite3_bind_text(_statement, index, string.Empty);
            var length = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (_utf8.Length < length) _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
            var written = Encoding.UTF8.GetBytes(text, _utf8);
            return raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, written));
        }

        private int BindGuid(int index, Guid id)
        {
            Span<byte> text = stackalloc byte[36];
            id.TryFormat(text, out _, "D");
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] is >= (byte)'a' and <= (byte)'f') text[i] -= 'a' - 'A';
            }

            return raw.sqlite3_bind_text(_statement, index, text);
        }

        private int BindDate(int index, DateTime at)
        {
            Span<byte> text = stackalloc byte[40];
            at.TryFormat(text, out var written, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
            return raw.sqlite3_bind_text(_statement, index, text[..written]);
        }
    }
}
